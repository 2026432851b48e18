import { shownText } from '../../../helpers/directLineClient';
import assert from 'node:assert/strict';
import { startService, type RunningService } from '../../../../bot/service';
import {
  cardBytes,
  REVIEW_CARD_BUDGET_BYTES,
  reviewCard,
  type ReviewLine,
} from '../../../../dialogs/cards/reviewCard';
import { LOCALES, messagesFor, type Locale } from '../../../../dialogs/locales';
import {
  loopDefinition,
  questionDefinition,
  TOP_QUESTION_IDS,
  type QuestionId,
} from '../../../../dialogs/questionnaire';
import type { Database } from '../../../../models/store/db';
import { registerOrganisation } from '../../../../models/store/organisation';
import { standInConnector } from '../../../helpers/connectorStandIn';
import { openTestDatabase } from '../../../helpers/database';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { cardSubmit, TeamsChat, type Reply } from '../../../helpers/teamsChat';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { PARTNER_TENANT, teamsActivity } from './teamsActivity';

/** An invented answer of exactly `length` characters, with quotes, accents and line breaks (JSON escapes). */
function longest(length: number): string {
  const pattern = 'Invented "quoted" été\nlong answer ';
  return pattern.repeat(Math.ceil(length / pattern.length)).slice(0, length);
}

function maxLengthOf(id: QuestionId): number {
  const { kind } = questionDefinition(id);
  return kind.type === 'text' ? kind.maxLength : 2_000;
}

/** Every review line at the questionnaire's maxima: each answer at its longest, the most people and vehicles. */
function linesAtMaxima(locale: Locale): ReviewLine[] {
  const m = messagesFor(locale);
  const lines: ReviewLine[] = [];
  const add = (id: QuestionId, group?: string) =>
    lines.push({
      number: lines.length + 1,
      label: m.questions[id].label,
      value: longest(maxLengthOf(id)),
      ...(group ? { group } : {}),
    });
  for (const id of TOP_QUESTION_IDS) {
    if (id === 'consent') continue;
    add(id);
    if (id === 'placeDetail') {
      for (const loop of ['people', 'vehicles'] as const) {
        const definition = loopDefinition(loop);
        for (let index = 1; index <= definition.maxItems; index += 1) {
          for (const question of definition.questions) add(question.id, m.loops[loop].item(index));
        }
      }
    }
  }
  return lines;
}

describe('The review card in Teams', () => {
  const sizes: string[] = [];
  after(() => {
    // Recorded in the README (the review card's size at the questionnaire's maxima).
    console.log(`      review card at the maxima: ${sizes.join(', ')} (budget ${REVIEW_CARD_BUDGET_BYTES})`);
  });

  for (const locale of LOCALES) {
    it(`stays within its budget below Teams' 100 KB at the questionnaire's maxima (${locale})`, () => {
      const lines = linesAtMaxima(locale);
      assert.ok(lines.length > 150, 'ten people and ten vehicles');
      const card = reviewCard(messagesFor(locale), lines, 'draft-at-maxima', 7);
      const bytes = cardBytes(card);
      sizes.push(`${locale} ${bytes} bytes`);
      assert.ok(bytes <= REVIEW_CARD_BUDGET_BYTES, `${bytes} bytes`);
      const json = JSON.stringify(card);
      // Each person and vehicle keeps its own Change, and every answer its number for "change N".
      const changes = json.match(/"action":"change"/g) ?? [];
      assert.equal(changes.length, lines.filter((line) => !line.group).length + 20);
      for (const line of lines) {
        if (!line.group) assert.ok(json.includes(`"${line.number}. `), `number ${line.number} shown`);
      }
      const person = lines.filter((line) => line.group === messagesFor(locale).loops.people.item(1));
      const range = `(${person[0]?.number}–${person.at(-1)?.number})`;
      assert.ok(json.includes(range), `a person's row names the numbers of its answers ${range}`);
    });
  }
});

describe('Review cards and paragraphs in a Teams chat', () => {
  const dataDir = temporaryDirectoryPerTest('teams-review');
  let database: Database;
  let service: RunningService;
  let connector: Awaited<ReturnType<typeof standInConnector>>;

  before(async () => {
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented Depot', tenantId: PARTNER_TENANT });
    connector = await standInConnector({
      respond: () => ({ status: 200, body: { id: `activity-${connector.captured.length}` } }),
    });
  });
  beforeEach(async () => {
    service = await startService(testServiceConfig(dataDir()), memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    connector.server.close();
    await database.close();
  });

  it('disables the earlier review card when it shows a newer one, and keeps lists and the receipt code in paragraphs', async () => {
    const chat = new TeamsChat(service.url, { connectorUrl: connector.url });
    await chat.say('report', /is someone in danger/);
    const categories = await chat.say('no', /What is your report about/);
    assert.match(categories, /\?\n\n1\. Suspicious behaviour\n\n2\. /, 'each choice its own paragraph');
    await chat.say('1', /own words/);
    await chat.say('Someone measured the depot fence with a tape at dawn.', /When/);
    await chat.say('yesterday at 6:10', /Is that right/);
    await chat.say('yes', /still going on/);
    await chat.say('no', /Where did it happen/);
    await chat.say('Invented depot, north fence', /Where exactly/);
    await chat.say('skip', /people involved/);
    await chat.say('no', /vehicle/);
    await chat.say('no', /suspicious/);
    await chat.say('They left when a lorry arrived.', /photos or documents/);
    await chat.say('none', /anyone else/);
    await chat.say('skip', /anonymous/);
    await chat.say('yes', /agree/);
    // From here the replies go to the connector (as in Teams), which gives each message its id.
    const normally = async (message: { text?: string; value?: unknown }) => {
      const from = connector.captured.length;
      const activity = teamsActivity({
        conversationId: chat.conversationId,
        ...(message.text === undefined ? {} : { text: message.text }),
        extra: {
          serviceUrl: connector.url,
          deliveryMode: undefined,
          ...(message.value === undefined ? {} : { value: message.value }),
        },
      });
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
      });
      assert.ok(response.status === 200 || response.status === 202, `status ${response.status}`);
      return connector.captured.slice(from);
    };
    const first = await normally({ text: 'yes' });
    const firstCard = first.find((request) => (request.body.attachments ?? []).length > 0);
    assert.ok(firstCard, 'the first review card');
    const firstId = `activity-${connector.captured.indexOf(firstCard) + 1}`;
    const change = cardSubmit([firstCard.body as Reply], 'change');
    await normally({ value: { shieldReporter: { ...(change.shieldReporter as object), target: 6 } } });
    const shown = await normally({ text: 'Invented depot, south gate' });
    const updates = shown.filter((request) => request.method === 'PUT');
    assert.equal(updates.length, 1, 'the earlier card is updated');
    assert.match(updates[0]?.path ?? '', new RegExp(`/activities/${firstId}$`));
    assert.doesNotMatch(JSON.stringify(updates[0]?.body), /Action\.Submit/, 'without its buttons');
    const secondCard = shown.find(
      (request) => request.method === 'POST' && (request.body.attachments ?? []).length > 0,
    );
    assert.ok(secondCard, 'the new review card');
    const second = [secondCard.body as Reply];
    const confirmed = await chat.send({ value: cardSubmit(second, 'confirm') });
    // The receipt is a card of its own: the code is a text block (a paragraph) by itself.
    const lines = confirmed.map(shownText).join('\n').split('\n');
    assert.ok(
      lines.some((line) => /^[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}$/.test(line)),
      'the code in its own paragraph',
    );
  });
});

/** The `data` of the review card's Change whose tooltip names this row ("Change: Person 1 (9–17)"). */
function changeOfRow(replies: Reply[], row: RegExp): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Submit' && typeof record.tooltip === 'string' && row.test(record.tooltip))
        found ??= record.data as Record<string, unknown>;
      Object.values(record).forEach(walk);
    }
  };
  walk(replies.map((reply) => reply.attachments ?? []));
  if (!found) throw new Error(`no Change for a row matching ${String(row)}`);
  return found;
}

function cardText(replies: Reply[]): string {
  return JSON.stringify(replies.map((reply) => reply.attachments ?? []));
}

describe("The review card's Change on a person or vehicle row", () => {
  const dataDir = temporaryDirectoryPerTest('teams-review-change');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented Depot', tenantId: PARTNER_TENANT });
  });
  beforeEach(async () => {
    service = await startService(testServiceConfig(dataDir()), memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    await database.close();
  });

  /** A report with one person and one vehicle, up to its review card. */
  async function upToReview(chat: TeamsChat): Promise<Reply[]> {
    await chat.say('report', /is someone in danger/);
    await chat.say('no', /What is your report about/);
    await chat.say('1', /own words/);
    await chat.say('A person photographed the depot gate for a long time.', /When/);
    await chat.say('yesterday at 6:10', /Is that right/);
    await chat.say('yes', /still going on/);
    await chat.say('no', /Where did it happen/);
    await chat.say('Invented depot, north gate', /Where exactly/);
    await chat.say('skip', /people involved/);
    await chat.say('yes', /woman or a man/);
    await chat.say('man', /how old/);
    await chat.say('around 40', /How tall/);
    await chat.say('about 1m70', /What build/);
    await chat.say('slim', /What hair/);
    await chat.say('short grey hair', /What clothing/);
    await chat.say('green parka', /distinguishing marks/);
    await chat.say('none seen', /do or say/);
    await chat.say('took photos of the gate', /their name/);
    await chat.say('skip', /another person/);
    await chat.say('no', /vehicle/);
    await chat.say('yes', /number plate/);
    await chat.say('1-ABC-234', /Which country/);
    await chat.say('Belgium', /What make/);
    await chat.say('Invented Motors', /model/i);
    await chat.say('Roadster', /What colour/);
    await chat.say('red', /type of vehicle|kind of vehicle|vehicle type/i);
    await chat.say('car', /direction|where.*go/i);
    await chat.say('towards the motorway', /How many people were in it/);
    await chat.say('one passenger', /another vehicle/);
    await chat.say('no', /suspicious/);
    await chat.say('It went on for twenty minutes.', /photos or documents/);
    await chat.say('none', /anyone else/);
    await chat.say('skip', /anonymous/);
    await chat.say('yes', /agree/);
    const review = await chat.send({ text: 'yes' });
    assert.match(cardText(review), /green parka/);
    return review;
  }

  it('re-asks every answer of that person, in order, then shows the review with all the new answers', async () => {
    const chat = new TeamsChat(service.url);
    const review = await upToReview(chat);
    const editing = await chat.send({ value: changeOfRow(review, /Person 1/) });
    const said = editing.map((reply) => reply.text ?? '').join('\n');
    assert.match(said, /answer the 9 questions about Person 1 again, one at a time/);
    assert.match(said, /woman or a man/, 'starting with the first question of the person');
    await chat.say('woman', /how old/);
    await chat.say('around 25', /How tall/);
    await chat.say('about 1m60', /What build/);
    await chat.say('athletic', /What hair/);
    await chat.say('long black hair', /What clothing/);
    await chat.say('blue raincoat', /distinguishing marks/);
    await chat.say('a limp', /do or say/);
    await chat.say('filmed the gate', /their name/);
    const again = await chat.send({ text: 'skip' });
    const card = cardText(again);
    assert.match(card, /Please check your report/, 'back to the review');
    for (const answer of [
      'Woman',
      'around 25',
      'about 1m60',
      'athletic',
      'long black hair',
      'blue raincoat',
      'a limp',
      'filmed the gate',
    ])
      assert.ok(card.includes(answer), `the review shows the new answer "${answer}"`);
    for (const old of ['around 40', 'green parka', 'took photos of the gate'])
      assert.ok(!card.includes(old), `the old answer "${old}" is gone`);
    assert.ok(card.includes('1-ABC-234'), 'the vehicle is untouched');
    const confirmed = await chat.send({ value: cardSubmit(again, 'confirm') });
    assert.match(confirmed.map(shownText).join('\n'), /SR-/);
    const stored = await database.connection
      .collection('reports')
      .findOne({ conversationId: chat.conversationId });
    assert.ok(stored, 'the report is stored');
    const [person] = (stored.answers as { people: Record<string, unknown>[] }).people;
    assert.equal(person?.sex, 'female');
    assert.equal(person?.clothing, 'blue raincoat');
    assert.equal(person?.actions, 'filmed the gate');
  });

  it("re-asks every answer of that vehicle, and 'change N' typed still re-asks only that one answer", async () => {
    const chat = new TeamsChat(service.url);
    const review = await upToReview(chat);
    const editing = await chat.send({ value: changeOfRow(review, /Vehicle 1/) });
    assert.match(editing.map((reply) => reply.text ?? '').join('\n'), /questions about Vehicle 1 again/);
    assert.match(editing.map((reply) => reply.text ?? '').join('\n'), /number plate/);
    await chat.say('2-XYZ-987', /Which country/);
    await chat.say('Netherlands', /What make/);
    await chat.say('Other Invented Cars', /model/i);
    await chat.say('Hatch', /What colour/);
    await chat.say('white', /type of vehicle|kind of vehicle|vehicle type/i);
    await chat.say('van', /direction|where.*go/i);
    await chat.say('towards the port', /How many people were in it/);
    const again = await chat.send({ text: 'no passengers' });
    const card = cardText(again);
    for (const answer of ['2-XYZ-987', 'Netherlands', 'Hatch', 'white', 'towards the port', 'no passengers'])
      assert.ok(card.includes(answer), `the review shows "${answer}"`);
    assert.ok(card.includes('green parka'), 'the person is untouched');
    // Typed, a number still means that one answer: the review returns after it.
    const plate = /"(\d+)\. Number plate: 2-XYZ-987/.exec(card)?.[1];
    assert.ok(plate, 'the plate keeps its own number on the card');
    await chat.say(`change ${plate}`, /number plate/);
    const afterOne = await chat.send({ text: '3-DEF-456' });
    assert.match(cardText(afterOne), /3-DEF-456/);
    assert.match(cardText(afterOne), /Netherlands/, 'the rest of the vehicle was not asked again');
  });
});
