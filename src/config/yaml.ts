/**
 * The yaml package, loaded on first use rather than with the modules that read YAML: most runs read no
 * YAML file, and `collect` imports those modules for their constants alone.
 */
export function yaml(): typeof import('yaml') {
  return require('yaml') as typeof import('yaml');
}
