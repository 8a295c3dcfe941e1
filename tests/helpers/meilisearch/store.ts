import type { Doc } from './attributes';
import { type ErrorBody, MeiliError, indexNotFound } from './errors';
import type { Settings } from './settings';

/** What the contract server holds in memory: indexes, and the task queue that changes them. */

export type Index = {
  uid: string;
  primaryKey: string | null;
  /** By document id (always a string: `1` and `"1"` are the same document). */
  documents: Map<string, Doc>;
  settings: Settings;
  createdAt: string;
  updatedAt: string;
};

type TaskType = 'documentAdditionOrUpdate' | 'documentDeletion' | 'settingsUpdate' | 'indexCreation' | 'indexDeletion' | 'indexUpdate' | 'indexSwap';

type TaskStatus = 'enqueued' | 'processing' | 'succeeded' | 'failed';

/** Applies a task: returns the details it adds, or throws a MeiliError (then the task fails and nothing changes). */
export type Work = () => Record<string, unknown>;

export type Violation = { method: string; path: string; message: string };

export type NewTask = {
  type: TaskType;
  indexUid: string | null;
  details: Record<string, unknown>;
  work: Work;
  customMetadata?: string;
  /** The request that enqueued the task: a task refused for a contract reason is recorded against it. */
  origin: { method: string; path: string };
};

type Task = NewTask & {
  uid: number;
  status: TaskStatus;
  error: ErrorBody | null;
  enqueuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  duration: string | null;
  batchUid: number | null;
  injectedFailure?: string;
};

/** A task `TaskView`: `startedAt`/`finishedAt` are left out until known, as the contract types them as strings. */
export type TaskView = ReturnType<typeof viewOf>;

const viewOf = (task: Task) => ({
  uid: task.uid,
  batchUid: task.batchUid,
  indexUid: task.indexUid,
  status: task.status,
  type: task.type,
  canceledBy: null,
  details: task.details,
  error: task.error,
  duration: task.duration,
  enqueuedAt: task.enqueuedAt,
  ...(task.startedAt ? { startedAt: task.startedAt } : {}),
  ...(task.finishedAt ? { finishedAt: task.finishedAt } : {}),
  ...(task.customMetadata !== undefined ? { customMetadata: task.customMetadata } : {}),
});

/** Tasks are processed one at a time, in order, this long after the previous one. */
const PROCESSING_DELAY_MS = 5;

export class Store {
  readonly indexes = new Map<string, Index>();
  private tasks: Task[] = [];
  private pendingFailures: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly onViolation: (violation: Violation) => void) {}

  requireIndex(uid: string) {
    const index = this.indexes.get(uid);
    if (!index) throw indexNotFound(uid);
    return index;
  }

  /** The next `count` tasks enqueued fail with `message`, whatever they do. */
  failTasks(count: number, message: string) {
    this.pendingFailures.push(...Array.from({ length: count }, () => message));
  }

  /** Enqueues a task and answers its `SummarizedTaskView`. */
  enqueue(spec: NewTask) {
    const task: Task = {
      ...spec,
      uid: this.tasks.length,
      status: 'enqueued',
      error: null,
      enqueuedAt: new Date().toISOString(),
      duration: null,
      batchUid: null,
      injectedFailure: this.pendingFailures.shift(),
    };
    this.tasks.push(task);
    this.schedule();
    return {
      taskUid: task.uid,
      indexUid: task.indexUid,
      status: task.status,
      type: task.type,
      enqueuedAt: task.enqueuedAt,
      ...(task.customMetadata !== undefined ? { customMetadata: task.customMetadata } : {}),
    };
  }

  task(uid: number) {
    const task = this.tasks[uid];
    return task && viewOf(task);
  }

  /** All tasks, newest first (the order of GET /tasks). */
  taskViews() {
    return this.tasks.map(viewOf).reverse();
  }

  /** Whether tasks of this index wait or run: `isIndexing` of its stats. */
  isIndexing(uid: string) {
    return this.tasks.some((task) => task.indexUid === uid && (task.status === 'enqueued' || task.status === 'processing'));
  }

  reset() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.indexes.clear();
    this.tasks = [];
    this.pendingFailures = [];
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule() {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const next = this.tasks.find((task) => task.status === 'enqueued');
      if (!next) return;
      this.process(next);
      this.schedule();
    }, PROCESSING_DELAY_MS);
    this.timer.unref();
  }

  private process(task: Task) {
    const started = Date.now();
    Object.assign(task, { status: 'processing', startedAt: new Date(started).toISOString(), batchUid: task.uid });
    try {
      if (task.injectedFailure !== undefined) throw new MeiliError(500, 'internal', task.injectedFailure, false);
      task.details = { ...task.details, ...task.work() };
      task.status = 'succeeded';
    } catch (error) {
      const failure = error instanceof MeiliError ? error : new MeiliError(500, 'internal', `contract server bug: ${(error as Error).stack}`, true);
      task.status = 'failed';
      task.error = failure.body();
      if (failure.violation) this.onViolation({ ...task.origin, message: `task ${task.uid} (${task.type}) failed: ${failure.message}` });
    }
    task.finishedAt = new Date().toISOString();
    task.duration = `PT${((Date.now() - started) / 1000).toFixed(3)}S`;
  }
}
