import { Injectable } from '@nestjs/common';

/**
 * The current time, injectable so that a test can move it (override the provider with a fixed or offset clock).
 * Code that decides "is it due yet" or "what is this week" asks the Clock rather than `new Date()`.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock a test moves by hand. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  override now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
