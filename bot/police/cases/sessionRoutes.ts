import type { Server } from 'restify';
import { z } from 'zod';
import type { OfficerAccounts } from '../../../models/store/officer';
import type { StandaloneTokens } from './auth';
import { noQuery, parse, type RequestTools } from './requests';
import type { OfficerSessions } from '../../../models/store/officerSessions';
import { ServiceError } from '../../../models/core/errors';

/** What the session routes work on. */
export interface SessionRouteDeps {
  accounts: OfficerAccounts;
  tokens: StandaloneTokens;
  sessions: OfficerSessions;
  tools: RequestTools;
}

const refreshBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });

const SESSION_ENDED = 'Your session has ended; please log in again.';

/** Adds POST /api/auth/refresh (renew the access token, rotating the refresh token) and /api/auth/logout. */
export function registerSessionRoutes(server: Server, deps: SessionRouteDeps): void {
  const { accounts, tokens, sessions, tools } = deps;
  const { handle, record } = tools;

  server.post(
    '/api/auth/refresh',
    handle(async (req, res) => {
      parse(noQuery, req.query);
      const { refreshToken } = parse(refreshBody, req.body);
      const rotated = await sessions.rotate(refreshToken);
      if ('refused' in rotated) {
        if (rotated.refused === 'RefreshReused') {
          // A spent token came back: someone holds a copy. Every token of that login is revoked by now.
          await record(req, undefined, { action: 'session.reuseRefused' });
        }
        throw new ServiceError('SessionEnded', SESSION_ENDED);
      }
      const officer = await accounts.byId(rotated.officerId);
      if (!officer || officer.disabled) {
        await sessions.revokeOfficer(rotated.officerId);
        throw new ServiceError('SessionEnded', SESSION_ENDED);
      }
      const { token, expiresAt } = await tokens.issue(rotated.officerId);
      res.send(200, {
        token,
        expiresAt,
        refreshToken: rotated.refresh.refreshToken,
        idleUntil: rotated.refresh.idleUntil,
        officer: { id: rotated.officerId, email: officer.email, role: officer.role },
      });
    }),
  );

  server.post(
    '/api/auth/logout',
    handle(async (req, res) => {
      parse(noQuery, req.query);
      const { refreshToken } = parse(refreshBody, req.body);
      const ended = await sessions.revoke(refreshToken);
      if (ended) {
        const officer = await accounts.byId(ended.officerId);
        await record(req, officer ? { officerId: ended.officerId, role: officer.role } : undefined, {
          action: 'logout',
        });
      }
      // The same answer whether or not the token was known: logging out twice is not an error.
      res.send(204);
    }),
  );
}
