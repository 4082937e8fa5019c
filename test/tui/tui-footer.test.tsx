/** The footer offers Tab only in the boxes where it does something. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { footerKeys } from '../../components/keys.js';
import { reducer } from '../../components/reducer.js';
import { initialState, type Action, type KeyInfo, type UiState } from '../../components/ui-state.js';
import { fixtureData } from '../helpers/tui-fixture.js';

const key = (input: string, k: KeyInfo = {}): Action => ({ type: 'key', input, key: k });
const run = (s: UiState, ...as: Action[]) => as.reduce(reducer, s);
const tabLabel = (s: UiState) => footerKeys(s).find((k) => k[0] === 'Tab')?.[1];

test('Tab is offered as To/Cc switch when adding a recipient, as completion for trailers, not at all for a directory', () => {
  assert.equal(tabLabel(run(initialState(fixtureData(), 80, 24, 'recipients'), key('a'))), 'switch To-Cc');
  assert.equal(tabLabel(run(initialState(fixtureData(), 80, 24, 'trailers'), key('a'))), 'complete');
  const send = run(initialState(fixtureData(), 80, 24, 'send'), key('x'));
  assert.ok(send.edit, 'x opens the export directory box');
  assert.equal(tabLabel(send), undefined);
});
