import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hermeticProcess, scratch } from '../helpers/repo.js';
import { loadState, saveState, statePath, updateState } from '../../src/store/state.js';

// src/ runs git in this process: give it the hermetic environment.
hermeticProcess();

const r = scratch('pp-state-').repo();
const common = join(r.dir, '.git');

test('state starts empty, round-trips, and is per branch (slashes included)', () => {
  const s = loadState(common, 'feature/x');
  assert.equal(s.version, 1);
  assert.deepEqual(s.answers, {});
  updateState(common, 'feature/x', (st) => {
    st.answers['vfio.userspace-data'] = { confirmed: true, note: 'checked', at: '2026-01-01T00:00:00Z' };
    st.version = 2;
  });
  assert.equal(loadState(common, 'feature/x').version, 2);
  assert.equal(loadState(common, 'feature/x').answers['vfio.userspace-data']!.note, 'checked');
  assert.equal(loadState(common, 'other').version, 1);
  assert.ok(existsSync(statePath(common, 'feature/x')));
  assert.equal(readdirSync(join(common, 'patchpilot')).filter((f) => f.includes('.tmp')).length, 0, 'no temporary files left');
});

test('a corrupt or newer state file is a clear error, not a crash', () => {
  mkdirSync(join(common, 'patchpilot'), { recursive: true });
  writeFileSync(statePath(common, 'bad'), '{ not json');
  assert.throws(() => loadState(common, 'bad'), /not valid JSON/);
  writeFileSync(statePath(common, 'future'), JSON.stringify({ schema: 99 }));
  assert.throws(() => loadState(common, 'future'), /newer patchpilot/);
});

test('older files gain the fields added since', () => {
  writeFileSync(statePath(common, 'old'), JSON.stringify({ schema: 1, branch: 'old', version: 3, answers: {} }));
  const s = loadState(common, 'old');
  assert.equal(s.version, 3);
  assert.deepEqual(s.recipients, { added: [], dropped: [], mode: 'series' });
  saveState(common, s);
  assert.deepEqual(loadState(common, 'old').cover.prefixes, []);
});
