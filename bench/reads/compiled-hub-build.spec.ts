import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { BUILD_DIR, buildHub } from './compiled-hub';

// The modules themselves, as compiled-hub.ts calls into them: an `import * as` is a copy under the tests' SWC settings.
const childProcess = jest.requireActual<typeof import('node:child_process')>('node:child_process');
const fs = jest.requireActual<typeof import('node:fs')>('node:fs');

/**
 * Found in review: a build of the hub that failed (tsc exited non-zero) was forgotten, so the bench, which starts the
 * build early (runReads) and awaits it again when it starts the hub (startCompiledHub), ran tsc a second time on the
 * same sources: the same errors, a minute later. tsc is replaced here by a child that fails at once (spawn), and the
 * kept build is neither read nor removed (only paths under BUILD_DIR are answered otherwise).
 */
describe('building the hub for the read bench', () => {
  afterEach(() => jest.restoreAllMocks());

  it('runs tsc once for sources whose build failed: a second call gets the first one\'s error', async () => {
    const underBuild = (path: import('node:fs').PathLike) => String(path).startsWith(BUILD_DIR);
    const { existsSync, rmSync } = fs;
    jest.spyOn(fs, 'existsSync').mockImplementation((path) => (underBuild(path) ? false : existsSync(path)));
    jest.spyOn(fs, 'rmSync').mockImplementation((path, options) => (underBuild(path) ? undefined : rmSync(path, options)));
    const spawn = jest.spyOn(childProcess, 'spawn').mockImplementation(() => {
      const child = Object.assign(new EventEmitter(), { kill: () => true });
      setImmediate(() => child.emit('exit', 2, null));
      return child as unknown as ChildProcess;
    });
    const early = buildHub(() => undefined);
    await expect(early).rejects.toThrow('tsc -p server/tsconfig.build.json exited with 2');
    await expect(buildHub(() => undefined)).rejects.toThrow('tsc -p server/tsconfig.build.json exited with 2');
    expect(spawn).toHaveBeenCalledTimes(1);
  });
});
