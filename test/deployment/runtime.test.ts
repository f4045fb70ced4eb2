import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Issue 11 item 14: the project runs on the current Node LTS everywhere it names a Node version,
 * and `npm install` leaves package-lock.json as committed (npm rewrites the lock's root entry when
 * it differs from package.json, which is what happened with botframework-connector "4.23").
 */
const root = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const json = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;

const NODE_LTS = '26';
const pkg = json('package.json') as {
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lockRoot = (json('package-lock.json') as { packages: Record<string, Record<string, unknown>> })
  .packages[''];

describe('the Node runtime: the current LTS', () => {
  test(`engines, .nvmrc, the Azure template and CI all name Node ${NODE_LTS}`, () => {
    expect(pkg.engines.node).toBe(`>=${NODE_LTS} <${Number(NODE_LTS) + 1}`);
    expect(read('.nvmrc').trim()).toBe(NODE_LTS);
    expect(read('deployment/azure/azuredeploy.json')).toContain(`"linuxFxVersion": "NODE|${NODE_LTS}-lts"`);
    expect(read('.ci/run')).toContain(`wanted_node=${NODE_LTS}`);
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^\\^${NODE_LTS}\\.`));
  });

  test('no document names an older Node as the one to use', () => {
    for (const file of ['README.md', 'deployment/README.md', 'deployment/azure/azuredeploy.json'])
      expect({ file, old: read(file).match(/Node(?:\.js)? (?:1\d|2[0-5])\b/g) }).toEqual({
        file,
        old: null,
      });
  });
});

describe('package-lock.json agrees with package.json (npm install does not rewrite it)', () => {
  test.each(['dependencies', 'devDependencies', 'engines'] as const)('%s', (field) => {
    expect(lockRoot?.[field]).toEqual(pkg[field]);
  });
});
