/** Evidence read from the Docker host's files and processes (`host`): daemon.json, dockerd command line, file modes. Issue #3. */
export interface HostEvidence {
  [key: string]: unknown;
}
