import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { clientAddress } from '../../../bot/http/clientAddress';

const SOCKET = '10.0.0.9';

describe('clientAddress', () => {
  const cases: { what: string; hops: number; forwardedFor?: string | string[]; expected: string }[] = [
    { what: 'the socket address with 0 hops and no header', hops: 0, expected: SOCKET },
    {
      what: 'the socket address with 0 hops, ignoring a forged header',
      hops: 0,
      forwardedFor: '198.51.100.7',
      expected: SOCKET,
    },
    {
      what: 'the one forwarded address with 1 hop',
      hops: 1,
      forwardedFor: '198.51.100.7',
      expected: '198.51.100.7',
    },
    {
      what: 'the rightmost address with 1 hop, ignoring what the client wrote to its left',
      hops: 1,
      forwardedFor: '203.0.113.1, 198.51.100.7',
      expected: '198.51.100.7',
    },
    {
      what: 'the address two places from the right with 2 hops',
      hops: 2,
      forwardedFor: '203.0.113.1, 198.51.100.7, 10.0.0.2',
      expected: '198.51.100.7',
    },
    { what: 'an IPv6 address', hops: 1, forwardedFor: '2001:db8::17', expected: '2001:db8::17' },
    {
      what: 'an address with spaces around it',
      hops: 1,
      forwardedFor: '  198.51.100.7  ',
      expected: '198.51.100.7',
    },
    { what: 'the socket address when the header is missing', hops: 1, expected: SOCKET },
    {
      what: 'the socket address for a header that is not an address',
      hops: 1,
      forwardedFor: 'unknown',
      expected: SOCKET,
    },
    {
      what: 'the socket address for an address with a port',
      hops: 1,
      forwardedFor: '198.51.100.7:4711',
      expected: SOCKET,
    },
    { what: 'the socket address for an empty header', hops: 1, forwardedFor: '', expected: SOCKET },
    {
      what: 'the socket address for an empty last entry',
      hops: 1,
      forwardedFor: '198.51.100.7,',
      expected: SOCKET,
    },
    {
      what: 'the socket address when the header has fewer entries than hops',
      hops: 3,
      forwardedFor: '198.51.100.7, 10.0.0.2',
      expected: SOCKET,
    },
    {
      what: 'the socket address for a repeated header given as a list',
      hops: 1,
      forwardedFor: ['198.51.100.7', '203.0.113.1'],
      expected: SOCKET,
    },
  ];
  for (const { what, hops, forwardedFor, expected } of cases) {
    it(`returns ${what}`, () => {
      const headers: IncomingHttpHeaders =
        forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
      assert.equal(clientAddress({ headers, socket: { remoteAddress: SOCKET } }, hops), expected);
    });
  }

  it('says unknown when the socket has no address left (a closed connection)', () => {
    assert.equal(clientAddress({ headers: {}, socket: {} }, 0), 'unknown');
  });
});
