import assert from 'node:assert/strict';
import { reportChannelOf } from '../../../models/core/channels';

describe('reportChannelOf', () => {
  const cases: [channelId: string, recorded: string][] = [
    ['msteams', 'msteams'],
    ['webchat', 'webchat'],
    ['directline', 'directline'],
    ['emulator', 'emulator'],
    ['test', 'other'],
    ['slack', 'other'],
    ['', 'other'],
    ['MSTEAMS', 'other'],
  ];
  for (const [channelId, recorded] of cases) {
    it(`records a report from channel "${channelId}" as "${recorded}"`, () => {
      assert.equal(reportChannelOf(channelId), recorded);
    });
  }
});
