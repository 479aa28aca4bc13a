// The Azure Pipelines task's entry (task.json `execution` → dist/cavra-gate.mjs). No top-level
// await: azure-pipelines-task-lib's MockTestRunner loads the bundle with require().
import * as tl from 'azure-pipelines-task-lib/task.js';
import { runTask } from './run-task.ts';

void runTask(tl);
