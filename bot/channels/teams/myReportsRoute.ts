import type { Request, Response, Server } from 'restify';
import type { DatabaseConnection } from '../../../models/store/db';
import { ReportLookups } from '../../../models/store/reportLookups';
import { requestBearer } from '../../http/bearer';
import { sendCode } from '../../http/httpErrors';
import type { Logger } from '../../logger';
import { SsoTokenError, type TeamsUser } from './ssoToken';

/** One report as the "My reports" tab shows it: no witness text beyond the officers' open questions. */
export interface MyReport {
  caseNumber: string;
  status: string;
  submittedAt: string;
  openQuestions: string[];
}

/** GET /api/teams/my-reports: the signed-in Teams user's own reports, for the tab. */
export function registerMyReportsRoute(
  server: Server,
  deps: { connection: DatabaseConnection; verify(token: string): Promise<TeamsUser>; logger: Logger },
): void {
  const lookups = new ReportLookups(deps.connection);
  server.get('/api/teams/my-reports', async (req: Request, res: Response) => {
    const token = requestBearer(req);
    let user: TeamsUser;
    try {
      if (!token) throw new SsoTokenError('missing');
      user = await deps.verify(token);
    } catch (error) {
      if (!(error instanceof SsoTokenError)) throw error;
      deps.logger.info({ reason: error.reason }, 'tab token refused');
      sendCode(res, 'Unauthorized', 'A valid Teams sign-in token is required.', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
      return;
    }
    const reports = await lookups.reportsOfTeamsWitness(user);
    const body: MyReport[] = reports.map((report) => ({
      caseNumber: report.caseNumber,
      status: report.status,
      submittedAt: report.submittedAt.toISOString(),
      openQuestions: report.questions
        .filter((question) => !question.answered)
        .map((question) => question.text),
    }));
    res.header('cache-control', 'no-store');
    res.send(200, { reports: body });
  });
}
