// playwright-core for the browser tests: from tests/browser/.tools (run.sh installs it there),
// else from a package.json here, NODE_PATH or a global install.
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

function loadPlaywright() {
  const attempts = [path.join(HERE, '.tools', 'package.json'), path.join(HERE, 'package.json')];
  let lastError;
  for (const from of attempts) {
    try {
      return createRequire(from)('playwright-core');
    } catch (e) {
      lastError = e;
    }
  }
  try {
    return createRequire(import.meta.url)('playwright-core');
  } catch (e) {
    lastError = e;
  }
  console.error('FAIL: cannot load playwright-core; run tests/browser/run.sh (it installs it into tests/browser/.tools)');
  console.error(String(lastError));
  process.exit(1);
}

export const { chromium } = loadPlaywright();
