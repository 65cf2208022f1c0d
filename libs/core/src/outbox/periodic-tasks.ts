import { Injectable } from '@nestjs/common';

/**
 * Work a feature needs done now and then rather than at a given instant (e.g. creating the next occurrences of
 * recurring meetings). The reminders worker gives each registered task a BullMQ job scheduler (`every` ms) and runs
 * it in whichever worker takes the job; a task must be idempotent (a run may repeat after a crash).
 */
export interface PeriodicTask {
  /** Stable: it names the job scheduler in Redis. */
  readonly name: string;
  readonly everyMs: number;
  run(): Promise<unknown>;
}

/** Where features register their periodic tasks, so that the reminders feature runs them without depending on them. */
@Injectable()
export class PeriodicTaskRegistry {
  private readonly tasks = new Map<string, PeriodicTask>();

  register(task: PeriodicTask): void {
    if (this.tasks.has(task.name)) throw new Error(`a periodic task named ${task.name} is already registered`);
    this.tasks.set(task.name, task);
  }

  get(name: string): PeriodicTask | undefined {
    return this.tasks.get(name);
  }

  all(): PeriodicTask[] {
    return [...this.tasks.values()];
  }
}
