import type { Category, LoopId, QuestionId } from '../questionnaire';
import { countsOf } from './counts';

// What arrived as evidence, only what there is and in the right number: "2 files and 1 link".
const evidenceCount = (files: number, links: number): string =>
  countsOf(
    'en',
    [
      [files, { one: 'file', other: 'files' }],
      [links, { one: 'link', other: 'links' }],
    ],
    'None',
  );

/** The texts of one question: what is asked, why (help), and its name in the review. */
export interface QuestionText {
  prompt: string;
  help: string;
  label: string;
}

/** The texts of a repeatable group (people, vehicles). */
export interface LoopText {
  gate: string;
  gateHelp: string;
  more: string;
  item: (index: number) => string;
  label: string;
  none: string;
  full: string;
}

/** English: the reference locale. Its shape is the Messages type every other locale must satisfy. */
export const en = {
  languageName: 'English',
  welcome: {
    greeting: 'Welcome to Shield Reporter, the police reporting service.',
    purpose:
      'Here you can report something you saw or heard that seemed suspicious and may point to terrorism or serious crime. A police officer reads every report.',
    emergency:
      'In an emergency, or if someone is in danger right now, call 112. For the police without urgency, call 101.',
    start:
      'Press "Start a report", or simply tell us what happened in your own words. Type "help" to learn more.',
    startButton: 'Start a report',
    otherLanguages:
      'You can also continue in Nederlands, français or Deutsch: just type the name of the language.',
  },
  teams: {
    unknownTenant:
      'Thank you for reaching out. Shield Reporter in Teams is open to the organisations that work with the police, and yours is not registered yet. If the police sent your organisation an invitation code (it starts with SHLD-), type it here to register; if you have typed it already, the police will confirm the registration soon. You can still report on the police website, and in an emergency call 112.',
    fileRefused: `Sorry, this file cannot be taken as evidence: send a photo (JPEG or PNG) or a PDF. On an iPhone, photos are often HEIC, which cannot be taken: choose Settings > Camera > Formats > Most Compatible before taking the photo, or share it as JPEG.`,
    fileNotFetched: 'Sorry, I could not fetch that file from Teams. Please send it again in a moment.',
    fileTooLarge: (size: string) => `That file is too large: each file may be at most ${size}.`,
  },
  teamsChat: {
    personalOnly:
      'I only take reports and answer questions in a private chat with me, so that nobody else reads them. Open the private chat here:',
    openPersonalChat: 'Open my private chat with Shield Reporter',
    anonymousNote:
      'In Teams, an anonymous report carries the name of your organisation (if it is a registered partner), never your name or your Teams account. Questions from the police still reach you in this private chat.',
    fileHostRefused:
      'I did not fetch that file: its link points somewhere I may not download from (only Teams file storage is allowed). Please attach it again from your device, directly in this chat.',
    deactivated:
      'Your organisation no longer takes part in Shield Reporter in Teams, so a new report cannot be made here: please use the police website, and in an emergency call 112. You can still follow your own reports and answer the police: type "status".',
    chooseLanguage: 'Which language shall I speak? Nederlands, français, Deutsch or English.',
    reviewReplaced: 'This check was replaced by a newer one below.',
  },
  errors: {
    turnFailed:
      'Sorry, something went wrong on our side. Please try again in a moment. In an emergency, call 112.',
  },
  // Words recognised in every language, so a witness can always type them.
  words: {
    help: ['help', '?', 'info'],
    back: ['back', 'previous', 'go back'],
    skip: ['skip', 'pass', 'next'],
    cancel: ['cancel', 'quit', 'stop'],
    restart: ['restart', 'start over', 'start again'],
    report: ['report', 'start', 'new report', 'start report', 'start a report'],
    status: ['status', 'check', 'check a report', 'check my report', 'my reports', 'follow up'],
    confirm: ['confirm', 'submit', 'send', 'send report', 'submit report'],
    change: ['change', 'edit', 'correct'],
    done: ['done', 'finished', 'that s all', 'no more', 'ready'],
    none: ['none', 'nothing', 'no'],
    // An apostrophe counts as a space when words are compared ("don't" is "don t").
    unknown: [
      'i don t know',
      'don t know',
      'i do not know',
      'do not know',
      'no idea',
      'not sure',
      'unknown',
      'dunno',
      'idk',
    ],
    greeting: ['hello', 'hi', 'hey', 'good morning', 'good afternoon', 'good evening'],
    yes: ['yes', 'y', 'yeah', 'yep', 'ok', 'okay', 'sure', 'i agree', 'agree'],
    no: ['no', 'n', 'nope', 'not really'],
  },
  engine: {
    required: 'This question needs an answer before we can go on.',
    skipped: 'Skipped.',
    firstQuestion: 'This is the first question, there is nothing to go back to.',
    chooseOption: 'Please choose one of the options, or type its number.',
    answerYesNo: 'Please answer yes or no.',
    invalid: {
      empty: 'I did not get an answer. Please type it, or say "skip" if the question is optional.',
      tooLong: (limit: number, length: number) =>
        `That answer is ${length} characters long; the limit here is ${limit}. Please shorten it (nothing was saved).`,
      tooShort: (limit: number) => `Please give a little more detail (at least ${limit} characters).`,
      email:
        'That does not look like an e-mail address (for example: name@example.org). Please try again, or say "skip".',
      phone:
        'That does not look like a phone number (digits, optionally starting with +). Please try again, or say "skip".',
      plate:
        'A number plate has only letters, digits, spaces and dashes. Type what you saw; use ? for a character you are not sure of.',
    },
    whenUnrecognised:
      'I could not find a date or time in that. Try for example "yesterday around 5pm", "today at 14:30" or "21/11 at 17:00".',
    whenFuture:
      'That time is in the future. Please tell us when you saw or heard it (a report is about something that already happened).',
    whenConfirm: (text: string) => `I understood: ${text}. Is that right? (yes/no)`,
    whenAround: 'around',
    whenTimeUnknown: 'time not given',
    whenRetry: 'OK. When was it? You can write it in your own words.',
    confirmCancel: 'Do you want to cancel this report? All your answers will be discarded. (yes/no)',
    confirmRestart:
      'Do you want to start again from the first question? All your answers will be discarded. (yes/no)',
    cancelled:
      'Your report was cancelled and your answers were discarded. Type "report" whenever you want to start again.',
    carryOn: "OK, let's carry on.",
    languageSwitched: 'I will continue in English.',
    resumed: 'Welcome back. Your answers so far are kept; we continue where you left off.',
    expired: (hours: number) =>
      `Your unfinished report was not touched for more than ${hours} hours and was discarded for your privacy. Let's start a new one.`,
    staleCard: 'That button belongs to an earlier message, so nothing was changed. Here is where we are:',
    evidenceReceived: (files: number, links: number) =>
      `Received: ${evidenceCount(files, links)}. Send more, or type "done" when you have finished.`,
    evidenceNothing:
      'Please send a photo or document, paste a link, or type "done" (or "none" if you have nothing).',
    evidenceUnsupported: (name: string) =>
      `I could not accept "${name}". Photos (JPEG, PNG) and PDF documents are accepted. On an iPhone, photos are often HEIC, which cannot be taken: choose Settings > Camera > Formats > Most Compatible before taking the photo, or share it as JPEG.`,
    profileNameOffer: (name: string) =>
      `Teams tells us your name is ${name}. Shall we use it? (yes/no, or type your name)`,
    consentRequired:
      'We can only send the report with your agreement. Answer yes to agree, "back" to change an answer, or "cancel" to discard the report.',
    changeWhich:
      'Which answer do you want to change? Type "change" and its number from the list, for example "change 5".',
    editing: 'Please give your new answer.',
    editingItem: (item: string, count: number) =>
      `Please answer the ${count} questions about ${item} again, one at a time; then you will see your report to check again.`,
    unknownRecorded: 'Noted: you do not know. That is fine.',
    unknownYourChoice:
      'This question is about your own choice, so "I don\'t know" cannot be the answer here.',
    firstMessageKept: (text: string) =>
      `I have kept your message as the beginning of your account: "${text}". A few questions first.`,
    accountContinue: (text: string) =>
      `You already told us: "${text}". Add everything else you saw or heard, even details that seem unimportant, or type "done" if that is all.`,
    detailKept: 'Noted, with what you added.',
  },
  urgent: {
    title: 'If someone is in danger, call now',
    emergency: 'Emergency: call 112',
    police: 'Police, no emergency: call 101',
    body: 'Do not put yourself at risk. Move away from the danger if you can, and keep this chat for later.',
    marked: 'Your report is marked URGENT. When you are safe, you can go on with the report here.',
    ongoingTitle: 'It is still going on: what to do now',
    ongoingBody:
      'Keep away from it and do not touch anything. Tell staff or security nearby. Call 112 if anyone is in danger; otherwise call the police on 101. Then go on with the report here.',
    wordsMarked:
      'What you wrote may mean there is danger right now, so your report is marked URGENT. If anyone is in danger, call 112 now.',
  },
  questions: {
    urgent: {
      prompt: 'First: is someone in danger, or is it happening right now? (yes/no)',
      help: 'If someone is in danger or it is happening now, call 112 at once. We ask first so that urgent reports are seen first.',
      label: 'Urgent',
    },
    category: {
      prompt: 'What is your report about?',
      help: 'Pick the one that fits best; it helps route your report to the right team. "Other" is fine.',
      label: 'Category',
    },
    account: {
      prompt:
        "Tell us in your own words everything you saw or heard, even details that seem unimportant. It is fine to say you don't know.",
      help: 'Your own account, in your own order, is the most valuable part. We ask the specific questions afterwards.',
      label: 'Your account',
    },
    when: {
      prompt:
        'When did it happen? A date and time, or a time span, in your own words (for example "yesterday around 5pm").',
      help: 'The time lets the police link your report to other information. Approximate is fine.',
      label: 'When',
    },
    ongoing: {
      prompt: 'Is it still going on? (yes/no)',
      help: 'If it is still happening and someone is in danger, call 112.',
      label: 'Still going on',
    },
    place: {
      prompt:
        'Where did it happen? An address, or a place that can be recognised (a station, a shop, a crossroads).',
      help: 'The police need to know where to look. A landmark is fine if you do not know the address.',
      label: 'Location',
    },
    placeDetail: {
      prompt:
        'Where exactly? For example the floor, the entrance, or the direction someone went. (or "skip")',
      help: 'Details such as the floor or direction of travel help officers find the spot.',
      label: 'Exact spot',
    },
    sex: {
      prompt: 'Was this person a woman or a man?',
      help: 'Only as you perceived it; "unknown" is fine.',
      label: 'Sex',
    },
    age: {
      prompt: 'About how old? (for example "around 30")',
      help: 'A guess is fine.',
      label: 'Approximate age',
    },
    height: {
      prompt: 'How tall, roughly? (for example "about 1m80")',
      help: 'Compare with yourself if that helps.',
      label: 'Height',
    },
    build: {
      prompt: 'What build? (for example slim, average, heavy)',
      help: 'Your impression is enough.',
      label: 'Build',
    },
    hair: {
      prompt: 'What hair? (colour, length, style, or a head covering)',
      help: 'As you saw it.',
      label: 'Hair',
    },
    clothing: {
      prompt: 'What clothing? (colours, logos, shoes, a bag)',
      help: 'Clothing is often what helps most to find someone on camera images.',
      label: 'Clothing',
    },
    marks: {
      prompt: 'Any distinguishing marks? (tattoos, scars, glasses, how they walked or spoke)',
      help: 'Anything that would let you recognise them again.',
      label: 'Distinguishing marks',
    },
    actions: {
      prompt: 'What did this person do or say?',
      help: 'Describe behaviour, not appearance.',
      label: 'Did or said',
    },
    name: { prompt: 'Do you know their name? (or "skip")', help: 'Only if you know it.', label: 'Name' },
    plate: {
      prompt: 'What was the number plate? Partial is fine; use ? for a character you are not sure of.',
      help: 'Even part of a plate helps.',
      label: 'Number plate',
    },
    plateCountry: {
      prompt: 'Which country was the plate from?',
      help: 'For example Belgium, the Netherlands, France.',
      label: 'Plate country',
    },
    make: { prompt: 'What make? (for example Volkswagen)', help: 'If you know it.', label: 'Make' },
    model: { prompt: 'What model?', help: 'If you know it.', label: 'Model' },
    colour: { prompt: 'What colour?', help: 'As you saw it.', label: 'Colour' },
    vehicleType: { prompt: 'What kind of vehicle?', help: 'Pick the closest.', label: 'Type' },
    direction: {
      prompt: 'Which direction did it go?',
      help: 'A street name or landmark is fine.',
      label: 'Direction',
    },
    passengers: {
      prompt: 'How many people were in it, and anything about them?',
      help: 'If you noticed.',
      label: 'Occupants',
    },
    suspicious: {
      prompt:
        'Why did it seem suspicious to you? Please describe behaviour or circumstances: appearance, ethnicity or religion are not in themselves signs of anything.',
      help: 'What someone does, not who they are, tells the police whether something is wrong.',
      label: 'Why suspicious',
    },
    evidence: {
      prompt:
        'Do you have photos or documents? Send them now as attachments, or paste links. Type "done" when finished, or "none".',
      help: 'Photos and documents can be decisive. Do not put yourself at risk to take them.',
      label: 'Evidence',
    },
    witnesses: {
      prompt: 'Did anyone else see or hear it? How could the police reach them? (or "skip")',
      help: 'Other witnesses can confirm and complete your account.',
      label: 'Other witnesses',
    },
    anonymous: {
      prompt:
        'Do you want to stay anonymous? (yes/no) If you do, you can still follow your report with the code you will receive.',
      help: 'Anonymous reports are welcome. Giving your details lets an officer contact you with questions.',
      label: 'Anonymous',
    },
    contactName: {
      prompt: 'What is your name?',
      help: 'So that an officer knows who to ask for.',
      label: 'Your name',
    },
    contactPhone: {
      prompt: 'Your phone number? (or "skip")',
      help: 'Only used by the police about this report.',
      label: 'Phone',
    },
    contactEmail: {
      prompt: 'Your e-mail address? (or "skip")',
      help: 'Only used by the police about this report.',
      label: 'E-mail',
    },
    organisation: {
      prompt: 'Your organisation (company, school, association)? (or "skip")',
      help: 'Useful when you report on behalf of a partner organisation.',
      label: 'Organisation',
    },
    preferredContact: {
      prompt: 'How do you prefer to be contacted?',
      help: 'We will try that way first.',
      label: 'Preferred contact',
    },
    consent: {
      prompt:
        'Before you send it: your report and any personal details go to the police only, are used to assess and investigate it, and are deleted {retentionDays} days after the case is closed. Unfinished drafts are deleted after {draftHours} hours. Do you agree to send the report on these terms? (yes/no)',
      help: 'Your data is protected: every police access to a report is recorded. You can stay anonymous.',
      label: 'Consent',
    },
  } satisfies Record<QuestionId, QuestionText>,
  loops: {
    people: {
      gate: 'Did you see any people involved? (yes/no)',
      gateHelp: 'We will ask about one person at a time.',
      more: 'Was there another person? (yes/no)',
      item: (index: number) => `Person ${index}`,
      label: 'People',
      none: 'none',
      full: 'That is the most people we can take here; please describe any others in your own account.',
    },
    vehicles: {
      gate: 'Was a vehicle involved? (yes/no)',
      gateHelp: 'We will ask about one vehicle at a time.',
      more: 'Was there another vehicle? (yes/no)',
      item: (index: number) => `Vehicle ${index}`,
      label: 'Vehicles',
      none: 'none',
      full: 'That is the most vehicles we can take here; please describe any others in your own account.',
    },
  } satisfies Record<LoopId, LoopText>,
  choices: {
    category: {
      behaviour: 'Suspicious behaviour',
      item: 'Unattended or suspicious item',
      vehicle: 'Suspicious vehicle',
      materials: 'Unusual purchase, rental or theft of materials',
      online: 'Online content or threat',
      other: 'Other',
    } satisfies Record<Category, string>,
    sex: { female: 'Woman', male: 'Man', unknown: 'Unknown' },
    vehicleType: {
      car: 'Car',
      van: 'Van',
      truck: 'Truck',
      motorbike: 'Motorbike or scooter',
      bicycle: 'Bicycle',
      other: 'Other',
    },
    contactMethod: { phone: 'Phone', email: 'E-mail', chat: 'This chat' },
  },
  review: {
    title: 'Please check your report',
    intro:
      'Here is everything you told us. Type "confirm" to send it, or "change" and a number to correct an answer (for example "change 6").',
    yes: 'Yes',
    no: 'No',
    skipped: '(not given)',
    unknown: "I don't know",
    confirmButton: 'Send report',
    changeButton: 'Change',
    evidence: (files: number, links: number) => evidenceCount(files, links),
  },
  submit: {
    saved: 'Thank you. Your report has been sent to the police.',
    receiptTitle: 'Your receipt: keep both',
    caseNumberLabel: 'Case number',
    receiptCodeLabel: 'Receipt code',
    copyReceipt: 'Copy case number and receipt code',
    receiptKeep:
      'Keep them safe: the receipt code is shown only this once and is not stored anywhere. With both you can check the status of your report and answer questions from the police, even anonymously (type "status").',
    receiptShown:
      'Your receipt code was shown once, when the report was sent. It is not stored anywhere, so it cannot be shown again.',
    queued:
      'Our database is unavailable at this moment, so your report is stored safely on our server and will be delivered to the police automatically as soon as it is back. You do not need to send it again.',
    alreadySubmitted: (caseNumber: string) =>
      `This report was already sent. Case number: ${caseNumber}. Nothing was sent twice.`,
  },
  status: {
    askCaseNumber: 'Please type the case number you received (it looks like SR-7KQ2M-X9D4T).',
    badCaseNumber:
      'That does not look like a case number: SR- followed by ten letters and digits. Please try again, or type "cancel".',
    askReceipt: 'Now type your receipt code (20 letters and digits, dashes optional).',
    mismatch: 'This case number and receipt code do not go together. Please check both and try again.',
    limited:
      'Too many attempts. For your protection, checking is paused for a while; please try again later.',
    unavailable: 'Checking a report is not possible right now. Please try again in a few minutes.',
    states: {
      new: 'received, not yet reviewed',
      triaged: 'reviewed by an officer',
      in_progress: 'being investigated',
      closed: 'closed',
    },
    current: (caseNumber: string, state: string) => `Case ${caseNumber}: ${state}.`,
    noCases: 'We have no reports from you in this chat yet. Type "report" to make one.',
    noQuestions: 'There are no questions from the police for you at the moment. Thank you for your report.',
    question: (text: string) => `The police ask you: ${text}`,
    answerInTeams: 'Type "status" to answer it here.',
    answerPrompt: 'Please type your answer, or "skip" to answer later.',
    answered: 'Thank you, your answer has been added to the case.',
    later: 'OK. You can answer later: type "status".',
    cancelled: 'OK, nothing was checked.',
  },
  upload: {
    wrongType: (names: string) =>
      `"${names}" could not be accepted. You can send photos (JPEG or PNG) and PDF documents; the file's contents decide, not its name. On an iPhone, photos are often HEIC, which cannot be taken: choose Settings > Camera > Formats > Most Compatible before taking the photo, or share it as JPEG.`,
    tooLarge: (size: string, files: number) =>
      `That is too large. You can send up to ${files} files at a time, each at most ${size} (photos as JPEG or PNG, documents as PDF).`,
  },
  caseView: {
    urgentByAnswer: 'the witness said someone is in danger or it is happening now',
    urgentByWords: (terms: string) => `the account mentions: ${terms}`,
  },
  main: {
    help: 'Shield Reporter takes reports of suspicious situations for the police. Type "report" to start, or "status" to follow up a report. During a report you can type "help", "back", "skip", "cancel" or "restart" at any time, or the name of a language (English, Nederlands, français, Deutsch) to switch. In an emergency, call 112.',
    languageSet: 'From now on I will speak English.',
    staleCard:
      'That button belongs to a report that is no longer open, so nothing was changed. Type "report" to start a new one.',
  },
};
