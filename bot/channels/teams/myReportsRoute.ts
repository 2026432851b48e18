import type { Connection } from 'mongoose';
import type { Request, Response, Server } from 'restify';
import { reportModel } from '../../../models/store/report';
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
  deps: { connection: Connection; verify(token: string): Promise<TeamsUser>; logger: Logger },
): void {
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
    const reports = await reportModel(deps.connection)
      .find(
        { 'teams.tenantId': user.tenantId, 'teams.aadObjectId': user.aadObjectId },
        { caseNumber: 1, status: 1, submittedAt: 1, questions: 1 },
      )
      .sort({ submittedAt: -1 })
      .limit(100)
      .lean();
    const body: MyReport[] = reports.map((report) => ({
      caseNumber: report.caseNumber,
      status: report.status,
      submittedAt: report.submittedAt.toISOString(),
      openQuestions: report.questions.filter((question) => !question.answer).map((question) => question.text),
    }));
    res.header('cache-control', 'no-store');
    res.send(200, { reports: body });
  });
}
