/** Messages and shared state between the Node engine and its worker threads (node-worker.ts). */
import type { LatencyHistogram } from './histogram';

/** Slots of the shared control array. */
export const CTRL_GO = 0;
export const CTRL_STOP = 1;

export type WorkerKind = 'layout' | 'randread' | 'randwrite-sync' | 'seqread' | 'seqwrite';

export interface WorkerJob {
  kind: WorkerKind;
  fd: number;
  direct: boolean;
  fileSize: number;
  /** Block size, bytes. */
  bs: number;
  rampMs: number;
  /** Length of each measured window, ms. */
  windowsMs: number[];
  /** Int32Array view: [go, stop]. */
  ctrl: SharedArrayBuffer;
  /** Sequential workloads: where this thread starts, bytes. */
  startOffset: number;
  /** Layout: a per-run stamp so no two runs' blocks are identical. */
  runId: number;
}

export type HistTransfer = ReturnType<LatencyHistogram['toTransfer']>;

export interface WindowResult {
  ops: number;
  /** Actual window length, seconds (from window start to the completion of its last op). */
  seconds: number;
  hist: HistTransfer;
  writeHist?: HistTransfer;
  syncHist?: HistTransfer;
}

export type WorkerMessage =
  | { type: 'ready'; bufferSource: 'wasm-memory' | 'probed-offset' }
  | { type: 'done'; rampOps: number; windows: WindowResult[]; layoutSeconds?: number; stopped: boolean }
  | { type: 'error'; message: string; code?: string };

