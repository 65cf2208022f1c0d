export * from './framework-target.entity';
export * from './framework-targets.service';
export * from './actions.module';

import { FrameworkTarget } from './framework-target.entity';
/** Tables owned by the actions feature. */
export const ACTIONS_ENTITIES = [FrameworkTarget];
