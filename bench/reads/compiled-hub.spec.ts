import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../common/environment';
import { HUB_NODE_FLAGS } from './compiled-hub';

describe('the hub the read bench measures', () => {
  it('runs with the node flags it is deployed with (Dockerfile, npm start)', () => {
    const dockerCmd = /^CMD (\[.*\])$/m.exec(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'))?.[1];
    const start: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts.start;
    expect(JSON.parse(dockerCmd ?? '[]')).toEqual(['node', ...HUB_NODE_FLAGS, 'server/dist/main.js']);
    expect(start).toContain(`node ${HUB_NODE_FLAGS.join(' ')} server/dist/main.js`);
  });
});
