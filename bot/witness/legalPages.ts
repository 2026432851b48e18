/** The privacy notice and the terms of use, in the four languages, as plain HTML without scripts. */
import { LOCALES, type Locale } from '../../models/core/locales';

/** The notices are written in every language the service speaks (the core's list). */
export const LEGAL_LANGUAGES = LOCALES;
export type LegalLanguage = Locale;
export type LegalPage = 'privacy' | 'terms';

/** The periods the service really applies, filled into the privacy notice on every request. */
export interface LegalFacts {
  /** Days a case is kept after it is closed: the period in force (an administrator may change it). */
  retentionDays: number;
  /** Hours an unfinished report is kept. */
  draftHours: number;
}

interface Section {
  heading: string;
  paragraphs: readonly string[];
}

interface PageText {
  title: string;
  intro: string;
  sections: (facts: LegalFacts) => readonly Section[];
}

const LANGUAGE_NAMES: Record<LegalLanguage, string> = {
  nl: 'Nederlands',
  fr: 'Français',
  de: 'Deutsch',
  en: 'English',
};

const OTHER_PAGE: Record<LegalLanguage, Record<LegalPage, string>> = {
  nl: { privacy: 'Gebruiksvoorwaarden', terms: 'Privacyverklaring' },
  fr: { privacy: 'Conditions d’utilisation', terms: 'Déclaration de confidentialité' },
  de: { privacy: 'Nutzungsbedingungen', terms: 'Datenschutzerklärung' },
  en: { privacy: 'Terms of use', terms: 'Privacy notice' },
};

const PRIVACY: Record<LegalLanguage, PageText> = {
  en: {
    title: 'Shield Reporter: privacy notice',
    intro:
      'Shield Reporter is the police’s chat service for reporting something suspicious that may point to terrorism or serious crime. This notice says what it stores, for how long, and who sees it. In an emergency, call 112; for the police without urgency, 101.',
    sections: ({ retentionDays, draftHours }) => [
      {
        heading: 'What is stored',
        paragraphs: [
          'Your report: your answers to the questions (what happened, when and where, the people and vehicles you describe, why it seemed suspicious, other witnesses) and the photos and files you send. Location data is removed from photos unless you chose to keep it.',
          'Your name and contact details only if you give them. If you stay anonymous, the report carries none. In Microsoft Teams an anonymous report carries the name of your organisation, never your name or your Teams account.',
          'In Teams, what is needed to send you the police’s questions in your private chat with the bot (your Teams user id, your organisation’s tenant and the chat’s address). It is kept apart from the report and is shown to no officer.',
          'In the web chat, the messages of the conversation.',
          'A case number and a protected (hashed) form of your receipt code. The code itself is shown to you once and not stored.',
          'Every access by the police to a report is recorded. The service’s technical logs hold identifiers, never what you wrote.',
        ],
      },
      {
        heading: 'How long',
        paragraphs: [
          `An unfinished report is deleted after ${draftHours} hours.`,
          `A report is deleted ${retentionDays} days after its case is closed, together with its files, the police’s notes and questions, the chat messages and the Teams contact details of the case.`,
          `Web chat messages are deleted ${retentionDays} days after the last message; a web chat in which nothing was written is deleted after an hour.`,
        ],
      },
      {
        heading: 'Who sees it',
        paragraphs: [
          'Only police officers who follow up reports, and their supervisors and administrators, in the police’s case console. Your employer or organisation does not see your report or know that you sent one.',
          'The police use your report to assess and investigate what you reported, and pass it on only where the law requires it (for example to the public prosecutor).',
        ],
      },
      {
        heading: 'Your choices',
        paragraphs: [
          'You may stay anonymous. With your case number and receipt code you can follow your report and answer the police’s questions (type “status” in the chat). For questions about your data, contact the police’s data protection officer.',
        ],
      },
    ],
  },
  nl: {
    title: 'Shield Reporter: privacyverklaring',
    intro:
      'Shield Reporter is de chatdienst van de politie om iets verdachts te melden dat kan wijzen op terrorisme of zware criminaliteit. Deze verklaring zegt wat de dienst bewaart, hoe lang, en wie het ziet. Bel in noodgevallen 112; voor de politie zonder spoed 101.',
    sections: ({ retentionDays, draftHours }) => [
      {
        heading: 'Wat bewaard wordt',
        paragraphs: [
          'Je melding: je antwoorden op de vragen (wat er gebeurde, wanneer en waar, de personen en voertuigen die je beschrijft, waarom het verdacht leek, andere getuigen) en de foto’s en bestanden die je stuurt. Locatiegegevens worden uit foto’s verwijderd, tenzij je koos ze te bewaren.',
          'Je naam en contactgegevens alleen als je ze geeft. Blijf je anoniem, dan bevat de melding er geen. In Microsoft Teams bevat een anonieme melding de naam van je organisatie, nooit je naam of je Teams-account.',
          'In Teams: wat nodig is om je de vragen van de politie in je privéchat met de bot te sturen (je Teams-gebruikers-id, de tenant van je organisatie en het adres van de chat). Dat wordt apart van de melding bewaard en aan geen enkele politieagent getoond.',
          'In de webchat: de berichten van het gesprek.',
          'Een dossiernummer en een beveiligde (gehashte) vorm van je ontvangstcode. De code zelf krijg je één keer te zien en wordt niet bewaard.',
          'Elke inzage door de politie in een melding wordt geregistreerd. De technische logboeken van de dienst bevatten kenmerken, nooit wat je schreef.',
        ],
      },
      {
        heading: 'Hoe lang',
        paragraphs: [
          `Een onafgewerkte melding wordt na ${draftHours} uur gewist.`,
          `Een melding wordt ${retentionDays} dagen nadat het dossier is afgesloten gewist, samen met de bestanden, de notities en vragen van de politie, de chatberichten en de Teams-contactgegevens van het dossier.`,
          `Webchatberichten worden ${retentionDays} dagen na het laatste bericht gewist; een webchat waarin niets geschreven werd, na een uur.`,
        ],
      },
      {
        heading: 'Wie het ziet',
        paragraphs: [
          'Alleen politiemensen die meldingen opvolgen, en hun leidinggevenden en beheerders, in de dossierconsole van de politie. Je werkgever of organisatie ziet je melding niet en weet niet dat je er een stuurde.',
          'De politie gebruikt je melding om te beoordelen en te onderzoeken wat je meldde, en geeft ze alleen door waar de wet dat vraagt (bijvoorbeeld aan het openbaar ministerie).',
        ],
      },
      {
        heading: 'Je keuzes',
        paragraphs: [
          'Je mag anoniem blijven. Met je dossiernummer en ontvangstcode volg je je melding op en beantwoord je vragen van de politie (typ “opvolgen” in de chat). Voor vragen over je gegevens kun je terecht bij de functionaris voor gegevensbescherming van de politie.',
        ],
      },
    ],
  },
  fr: {
    title: 'Shield Reporter : déclaration de confidentialité',
    intro:
      'Shield Reporter est le service de chat de la police pour signaler un fait suspect qui pourrait indiquer du terrorisme ou une criminalité grave. Cette déclaration dit ce qu’il conserve, pendant combien de temps et qui le voit. En cas d’urgence, appelez le 112 ; pour la police sans urgence, le 101.',
    sections: ({ retentionDays, draftHours }) => [
      {
        heading: 'Ce qui est conservé',
        paragraphs: [
          'Votre signalement : vos réponses aux questions (ce qui s’est passé, quand et où, les personnes et véhicules que vous décrivez, pourquoi cela semblait suspect, d’autres témoins) et les photos et fichiers que vous envoyez. Les données de localisation sont retirées des photos, sauf si vous avez choisi de les garder.',
          'Votre nom et vos coordonnées seulement si vous les donnez. Si vous restez anonyme, le signalement n’en contient aucun. Dans Microsoft Teams, un signalement anonyme porte le nom de votre organisation, jamais votre nom ni votre compte Teams.',
          'Dans Teams, ce qu’il faut pour vous envoyer les questions de la police dans votre conversation privée avec le bot (votre identifiant d’utilisateur Teams, le tenant de votre organisation et l’adresse de la conversation). Ces données sont conservées à part du signalement et ne sont montrées à aucun policier.',
          'Dans le chat web, les messages de la conversation.',
          'Un numéro de dossier et une forme protégée (hachée) de votre code de reçu. Le code lui-même vous est montré une seule fois et n’est pas conservé.',
          'Chaque consultation d’un signalement par la police est enregistrée. Les journaux techniques du service contiennent des identifiants, jamais ce que vous avez écrit.',
        ],
      },
      {
        heading: 'Pendant combien de temps',
        paragraphs: [
          `Un signalement inachevé est effacé après ${draftHours} heures.`,
          `Un signalement est effacé ${retentionDays} jours après la clôture de son dossier, avec ses fichiers, les notes et questions de la police, les messages du chat et les coordonnées Teams du dossier.`,
          `Les messages du chat web sont effacés ${retentionDays} jours après le dernier message ; un chat web dans lequel rien n’a été écrit est effacé après une heure.`,
        ],
      },
      {
        heading: 'Qui le voit',
        paragraphs: [
          'Seuls les policiers qui assurent le suivi des signalements, ainsi que leurs responsables et administrateurs, dans la console des dossiers de la police. Votre employeur ou organisation ne voit pas votre signalement et ne sait pas que vous en avez envoyé un.',
          'La police utilise votre signalement pour évaluer et examiner ce que vous avez signalé, et ne le transmet que lorsque la loi l’exige (par exemple au ministère public).',
        ],
      },
      {
        heading: 'Vos choix',
        paragraphs: [
          'Vous pouvez rester anonyme. Avec votre numéro de dossier et votre code de reçu, vous suivez votre signalement et répondez aux questions de la police (tapez « suivi » dans le chat). Pour toute question sur vos données, adressez-vous au délégué à la protection des données de la police.',
        ],
      },
    ],
  },
  de: {
    title: 'Shield Reporter: Datenschutzerklärung',
    intro:
      'Shield Reporter ist der Chatdienst der Polizei, um Verdächtiges zu melden, das auf Terrorismus oder schwere Kriminalität hindeuten kann. Diese Erklärung sagt, was der Dienst speichert, wie lange und wer es sieht. Im Notfall rufen Sie 112 an; die Polizei ohne Eile erreichen Sie unter 101.',
    sections: ({ retentionDays, draftHours }) => [
      {
        heading: 'Was gespeichert wird',
        paragraphs: [
          'Ihre Meldung: Ihre Antworten auf die Fragen (was geschah, wann und wo, die Personen und Fahrzeuge, die Sie beschreiben, warum es verdächtig wirkte, weitere Zeugen) und die Fotos und Dateien, die Sie senden. Standortdaten werden aus Fotos entfernt, außer Sie haben gewählt, sie zu behalten.',
          'Ihr Name und Ihre Kontaktdaten nur, wenn Sie sie angeben. Bleiben Sie anonym, enthält die Meldung keine. In Microsoft Teams trägt eine anonyme Meldung den Namen Ihrer Organisation, nie Ihren Namen oder Ihr Teams-Konto.',
          'In Teams, was nötig ist, um Ihnen die Fragen der Polizei in Ihrem privaten Chat mit dem Bot zu senden (Ihre Teams-Benutzer-ID, der Tenant Ihrer Organisation und die Adresse des Chats). Es wird getrennt von der Meldung gespeichert und keiner Polizeibeamtin und keinem Polizeibeamten angezeigt.',
          'Im Webchat die Nachrichten des Gesprächs.',
          'Eine Fallnummer und eine geschützte (gehashte) Form Ihres Belegcodes. Der Code selbst wird Ihnen einmal angezeigt und nicht gespeichert.',
          'Jeder Zugriff der Polizei auf eine Meldung wird protokolliert. Die technischen Protokolle des Dienstes enthalten Kennungen, nie das, was Sie geschrieben haben.',
        ],
      },
      {
        heading: 'Wie lange',
        paragraphs: [
          `Eine unfertige Meldung wird nach ${draftHours} Stunden gelöscht.`,
          `Eine Meldung wird ${retentionDays} Tage nach dem Abschluss ihres Falls gelöscht, zusammen mit ihren Dateien, den Notizen und Fragen der Polizei, den Chatnachrichten und den Teams-Kontaktdaten des Falls.`,
          `Webchat-Nachrichten werden ${retentionDays} Tage nach der letzten Nachricht gelöscht; ein Webchat, in dem nichts geschrieben wurde, nach einer Stunde.`,
        ],
      },
      {
        heading: 'Wer es sieht',
        paragraphs: [
          'Nur Polizeibedienstete, die Meldungen nachverfolgen, sowie ihre Vorgesetzten und Administratoren, in der Fallkonsole der Polizei. Ihr Arbeitgeber oder Ihre Organisation sieht Ihre Meldung nicht und erfährt nicht, dass Sie eine gesendet haben.',
          'Die Polizei verwendet Ihre Meldung, um das Gemeldete zu bewerten und zu ermitteln, und gibt sie nur weiter, wo das Gesetz es verlangt (zum Beispiel an die Staatsanwaltschaft).',
        ],
      },
      {
        heading: 'Ihre Wahl',
        paragraphs: [
          'Sie dürfen anonym bleiben. Mit Fallnummer und Belegcode verfolgen Sie Ihre Meldung und beantworten Fragen der Polizei (tippen Sie „stand“ im Chat). Bei Fragen zu Ihren Daten wenden Sie sich an die Datenschutzbeauftragte oder den Datenschutzbeauftragten der Polizei.',
        ],
      },
    ],
  },
};

const TERMS: Record<LegalLanguage, PageText> = {
  en: {
    title: 'Shield Reporter: terms of use',
    intro:
      'Shield Reporter lets you report to the police something you saw or heard that seemed suspicious and may point to terrorism or serious crime.',
    sections: () => [
      {
        heading: 'Not for emergencies',
        paragraphs: [
          'The chat is read by officers, not watched around the clock. If anyone is in danger or it is happening now, call 112. For the police without urgency, call 101.',
        ],
      },
      {
        heading: 'Reporting in good faith',
        paragraphs: [
          'Report what you yourself observed, as accurately as you can; say so when you are not sure. Appearance, ethnicity or religion are not in themselves signs of anything. Knowingly reporting something false can be a criminal offence.',
          'Give other people’s personal details only where they matter for the report.',
        ],
      },
      {
        heading: 'Your case number and receipt code',
        paragraphs: [
          'After you send a report you get a case number and a receipt code, shown once. Whoever has both can follow the report and answer the police’s questions: keep them to yourself.',
        ],
      },
      {
        heading: 'What the police do',
        paragraphs: [
          'An officer reads every report. The police decide what follow-up a report needs; you may not hear of the outcome. The service limits how much can be sent and refuses misuse.',
          'How your report is stored and who sees it: see the privacy notice.',
        ],
      },
    ],
  },
  nl: {
    title: 'Shield Reporter: gebruiksvoorwaarden',
    intro:
      'Met Shield Reporter meld je aan de politie iets wat je zag of hoorde dat verdacht leek en kan wijzen op terrorisme of zware criminaliteit.',
    sections: () => [
      {
        heading: 'Niet voor noodgevallen',
        paragraphs: [
          'De chat wordt gelezen door politiemensen, niet dag en nacht bewaakt. Is iemand in gevaar of gebeurt het nu, bel dan 112. Voor de politie zonder spoed bel je 101.',
        ],
      },
      {
        heading: 'Te goeder trouw melden',
        paragraphs: [
          'Meld wat je zelf waarnam, zo nauwkeurig als je kunt; zeg het als je niet zeker bent. Uiterlijk, afkomst of geloof zijn op zich geen teken van iets. Bewust iets onwaars melden kan strafbaar zijn.',
          'Geef persoonsgegevens van anderen alleen waar ze voor de melding van belang zijn.',
        ],
      },
      {
        heading: 'Je dossiernummer en ontvangstcode',
        paragraphs: [
          'Na het versturen krijg je een dossiernummer en een ontvangstcode, die één keer getoond worden. Wie beide heeft, kan de melding opvolgen en de vragen van de politie beantwoorden: houd ze voor jezelf.',
        ],
      },
      {
        heading: 'Wat de politie doet',
        paragraphs: [
          'Een politieagent leest elke melding. De politie beslist welke opvolging een melding nodig heeft; je hoort misschien niet hoe het afloopt. De dienst beperkt hoeveel er verstuurd kan worden en weigert misbruik.',
          'Hoe je melding bewaard wordt en wie ze ziet: zie de privacyverklaring.',
        ],
      },
    ],
  },
  fr: {
    title: 'Shield Reporter : conditions d’utilisation',
    intro:
      'Shield Reporter vous permet de signaler à la police ce que vous avez vu ou entendu de suspect et qui pourrait indiquer du terrorisme ou une criminalité grave.',
    sections: () => [
      {
        heading: 'Pas pour les urgences',
        paragraphs: [
          'Le chat est lu par des policiers, pas surveillé jour et nuit. Si quelqu’un est en danger ou si cela se passe maintenant, appelez le 112. Pour la police sans urgence, appelez le 101.',
        ],
      },
      {
        heading: 'Signaler de bonne foi',
        paragraphs: [
          'Signalez ce que vous avez vous-même observé, aussi précisément que possible ; dites-le quand vous n’êtes pas sûr. L’apparence, l’origine ou la religion ne sont pas en soi des signes de quoi que ce soit. Signaler sciemment un fait faux peut constituer une infraction.',
          'Ne donnez les données personnelles d’autres personnes que lorsqu’elles comptent pour le signalement.',
        ],
      },
      {
        heading: 'Votre numéro de dossier et votre code de reçu',
        paragraphs: [
          'Après l’envoi, vous recevez un numéro de dossier et un code de reçu, montrés une seule fois. Qui possède les deux peut suivre le signalement et répondre aux questions de la police : gardez-les pour vous.',
        ],
      },
      {
        heading: 'Ce que fait la police',
        paragraphs: [
          'Un policier lit chaque signalement. La police décide du suivi qu’il faut ; vous n’apprendrez peut-être pas l’issue. Le service limite ce qui peut être envoyé et refuse les abus.',
          'Comment votre signalement est conservé et qui le voit : voir la déclaration de confidentialité.',
        ],
      },
    ],
  },
  de: {
    title: 'Shield Reporter: Nutzungsbedingungen',
    intro:
      'Mit Shield Reporter melden Sie der Polizei, was Sie gesehen oder gehört haben und was verdächtig wirkte und auf Terrorismus oder schwere Kriminalität hindeuten kann.',
    sections: () => [
      {
        heading: 'Nicht für Notfälle',
        paragraphs: [
          'Der Chat wird von Polizeibediensteten gelesen, nicht rund um die Uhr überwacht. Ist jemand in Gefahr oder geschieht es jetzt, rufen Sie 112 an. Die Polizei ohne Eile erreichen Sie unter 101.',
        ],
      },
      {
        heading: 'In gutem Glauben melden',
        paragraphs: [
          'Melden Sie, was Sie selbst beobachtet haben, so genau Sie können; sagen Sie es, wenn Sie unsicher sind. Aussehen, Herkunft oder Religion sind für sich kein Anzeichen für etwas. Wissentlich Falsches zu melden kann strafbar sein.',
          'Geben Sie personenbezogene Daten anderer nur an, wo sie für die Meldung von Bedeutung sind.',
        ],
      },
      {
        heading: 'Ihre Fallnummer und Ihr Belegcode',
        paragraphs: [
          'Nach dem Senden erhalten Sie eine Fallnummer und einen Belegcode, die einmal angezeigt werden. Wer beides hat, kann die Meldung verfolgen und die Fragen der Polizei beantworten: behalten Sie sie für sich.',
        ],
      },
      {
        heading: 'Was die Polizei tut',
        paragraphs: [
          'Eine Polizeibeamtin oder ein Polizeibeamter liest jede Meldung. Die Polizei entscheidet, welche Nachverfolgung eine Meldung braucht; vom Ergebnis erfahren Sie vielleicht nichts. Der Dienst begrenzt, wie viel gesendet werden kann, und weist Missbrauch ab.',
          'Wie Ihre Meldung gespeichert wird und wer sie sieht: siehe die Datenschutzerklärung.',
        ],
      },
    ],
  },
};

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:0 auto;padding:1rem;color:#1b1b1b}' +
  'h1{font-size:1.6rem;color:#1f3a93}h2{font-size:1.2rem;margin-top:1.5rem}' +
  'nav a{margin-right:1rem}a{color:#1f3a93}';

/** The page in one language, with the periods in force filled in. */
export function renderLegalPage(page: LegalPage, language: LegalLanguage, facts: LegalFacts): string {
  const text = (page === 'privacy' ? PRIVACY : TERMS)[language];
  const other: LegalPage = page === 'privacy' ? 'terms' : 'privacy';
  const languages = LEGAL_LANGUAGES.map((code) =>
    code === language
      ? `<strong lang="${code}">${LANGUAGE_NAMES[code]}</strong>`
      : `<a href="/${page}/${code}" hreflang="${code}" lang="${code}">${LANGUAGE_NAMES[code]}</a>`,
  ).join(' ');
  const sections = text
    .sections(facts)
    .map(
      (section) =>
        `<h2>${escapeHtml(section.heading)}</h2>\n` +
        section.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n'),
    )
    .join('\n');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(text.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<nav aria-label="Language">${languages}</nav>
<main>
<h1>${escapeHtml(text.title)}</h1>
<p>${escapeHtml(text.intro)}</p>
${sections}
<p><a href="/${other}/${language}">${escapeHtml(OTHER_PAGE[language][page])}</a></p>
</main>
</body>
</html>
`;
}

/** The first of the four languages the browser's Accept-Language asks for (by weight), else English. */
export function negotiateLanguage(acceptLanguage: string | undefined): LegalLanguage {
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const quality = parameters.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { primary: tag.split('-')[0].toLowerCase(), weight: quality ? Number(quality) : 1, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  const found = wanted.find((entry) => (LEGAL_LANGUAGES as readonly string[]).includes(entry.primary));
  return (found?.primary as LegalLanguage | undefined) ?? 'en';
}
