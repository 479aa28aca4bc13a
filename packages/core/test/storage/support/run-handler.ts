import { isCavraError, isUserInputError, type CavraError } from '../../../src/index.ts';
import { memoryIo } from './cli-io.ts';

type Handler = (args: string[], io: ReturnType<typeof memoryIo>['io']) => Promise<number>;

/** Runs a CLI handler in-process and maps a thrown error to its exit code as packages/cli/src/run.ts does. */
export async function runHandler(handler: Handler, args: string[]): Promise<{ exit: number; stdout: string; stderr: string; error: CavraError | undefined }> {
  const { io, out, err } = memoryIo();
  try {
    const exit = await handler(args, io);
    return { exit, stdout: out(), stderr: err(), error: undefined };
  } catch (error) {
    if (!isCavraError(error)) throw error;
    return { exit: isUserInputError(error) ? 2 : 1, stdout: out(), stderr: `cavra: ${error.message} [${error.code}]`, error };
  }
}
