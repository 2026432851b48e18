import type { AlertSeverity } from '../../models/store/alert';
import type { Sector } from '../../models/store/partner';
import type { Locale } from './index';

/** What the Shield network says to partner members, in one language. */
export interface AlertMessages {
  sectors: Record<Sector, string>;
  severities: Record<AlertSeverity, string>;
  card: {
    seen: string;
    reportRelated: string;
    validUntil: (when: string) => string;
    /** The alert is not in the member's language: named, then shown in its own. */
    originalIn: (language: string) => string;
    withdrawn: string;
    fromPolice: string;
  };
  replies: {
    seenThanks: string;
    alertGone: string;
    relatedStarts: (title: string) => string;
    finishReportFirst: string;
    registered: (name: string) => string;
    registeredPending: (name: string) => string;
    codeRefused: string;
    codeExpired: string;
    codeUsed: string;
    alreadyPartner: string;
    tooManyCodes: string;
    settings: (sectors: string, state: string) => string;
    noSectors: string;
    receivingAll: string;
    mutedList: (sectors: string) => string;
    left: string;
    muted: (sector: string) => string;
    unmuted: (sector: string) => string;
    leftAlerts: string;
    joinedAlerts: string;
    unknownSector: string;
    notMember: string;
  };
  /** Command words, understood in every language. */
  commands: { settings: string[]; mute: string[]; unmute: string[]; leave: string[]; join: string[] };
}

const en: AlertMessages = {
  sectors: {
    portMaritime: 'Port and maritime',
    chemical: 'Chemical and petrochemical',
    diamondJewellery: 'Diamond and jewellery',
    energyUtilities: 'Energy and utilities',
    transportLogistics: 'Transport and logistics',
    retail: 'Retail',
    hospitalityEvents: 'Hospitality and events',
    education: 'Education',
    health: 'Health',
    religiousSites: 'Religious sites',
    culture: 'Culture',
    finance: 'Finance',
    government: 'Government',
    realEstateFacility: 'Real estate and facility management',
    media: 'Media',
    other: 'Other',
  },
  severities: { information: 'Information', advisory: 'Advisory', warning: 'Warning', urgent: 'Urgent' },
  card: {
    seen: 'Seen',
    reportRelated: 'Report something related',
    validUntil: (when) => `Valid until ${when}`,
    originalIn: (language) => `Not available in your language; original in ${language}:`,
    withdrawn: 'This alert has been withdrawn by the police.',
    fromPolice: 'Police alert (Shield network)',
  },
  replies: {
    seenThanks: 'Thank you, the police can see that you have read this alert.',
    alertGone: 'This alert is no longer active.',
    relatedStarts: (title) => `You are reporting something related to the alert "${title}".`,
    finishReportFirst: 'Please finish or cancel the report you started first, then press the button again.',
    registered: (name) =>
      `Welcome to the Shield network: ${name} is registered. Colleagues who install the app will receive police alerts.`,
    registeredPending: (name) =>
      `Thank you: ${name} is registered and waits for the police to activate it. You will be able to report and receive alerts once it is active.`,
    codeRefused: 'That is not a valid invitation code. Check it and type it again.',
    codeExpired: 'That invitation code has expired. Ask the police for a new one.',
    codeUsed: 'That invitation code has already been used.',
    alreadyPartner: 'Your organisation is already registered.',
    tooManyCodes: 'Too many attempts with invitation codes. Try again later.',
    settings: (sectors, state) =>
      `Your organisation's sectors:\n${sectors}\n${state}\nType "mute 2" to stop alerts of sector 2, "unmute 2" to receive them again, "leave alerts" or "join alerts".`,
    noSectors: 'Your organisation has no sectors yet.',
    receivingAll: 'You receive all alerts for your organisation.',
    mutedList: (sectors) => `Muted: ${sectors}.`,
    left: 'You have left the alerts.',
    muted: (sector) => `You will no longer receive alerts for ${sector}.`,
    unmuted: (sector) => `You will receive alerts for ${sector} again.`,
    leftAlerts: 'You have left the alerts. You can still report. Type "join alerts" to receive them again.',
    joinedAlerts: 'You will receive police alerts again.',
    unknownSector: 'Which sector? Type "alerts" to see the numbered list.',
    notMember: 'Alerts are for members of registered partner organisations.',
  },
  commands: {
    settings: ['alerts', 'alert settings'],
    mute: ['mute'],
    unmute: ['unmute'],
    leave: ['leave alerts', 'stop alerts'],
    join: ['join alerts', 'start alerts'],
  },
};

const nl: AlertMessages = {
  sectors: {
    portMaritime: 'Haven en maritiem',
    chemical: 'Chemie en petrochemie',
    diamondJewellery: 'Diamant en juwelen',
    energyUtilities: 'Energie en nutsvoorzieningen',
    transportLogistics: 'Transport en logistiek',
    retail: 'Detailhandel',
    hospitalityEvents: 'Horeca en evenementen',
    education: 'Onderwijs',
    health: 'Zorg',
    religiousSites: 'Religieuze plaatsen',
    culture: 'Cultuur',
    finance: 'Financiën',
    government: 'Overheid',
    realEstateFacility: 'Vastgoed en facility management',
    media: 'Media',
    other: 'Andere',
  },
  severities: { information: 'Informatie', advisory: 'Advies', warning: 'Waarschuwing', urgent: 'Dringend' },
  card: {
    seen: 'Gezien',
    reportRelated: 'Iets gerelateerds melden',
    validUntil: (when) => `Geldig tot ${when}`,
    originalIn: (language) => `Niet beschikbaar in uw taal; origineel in het ${language}:`,
    withdrawn: 'Deze melding is door de politie ingetrokken.',
    fromPolice: 'Politiemelding (Shield-netwerk)',
  },
  replies: {
    seenThanks: 'Dank u, de politie ziet dat u deze melding gelezen hebt.',
    alertGone: 'Deze melding is niet meer actief.',
    relatedStarts: (title) => `U meldt iets dat verband houdt met de melding "${title}".`,
    finishReportFirst:
      'Rond eerst de melding af die u begonnen bent (of annuleer ze) en druk dan opnieuw op de knop.',
    registered: (name) =>
      `Welkom in het Shield-netwerk: ${name} is geregistreerd. Collega's die de app installeren, krijgen politiemeldingen.`,
    registeredPending: (name) =>
      `Dank u: ${name} is geregistreerd en wacht op activering door de politie. Zodra dat gebeurd is, kunt u melden en meldingen ontvangen.`,
    codeRefused: 'Dat is geen geldige uitnodigingscode. Controleer ze en typ ze opnieuw.',
    codeExpired: 'Die uitnodigingscode is verlopen. Vraag de politie een nieuwe.',
    codeUsed: 'Die uitnodigingscode is al gebruikt.',
    alreadyPartner: 'Uw organisatie is al geregistreerd.',
    tooManyCodes: 'Te veel pogingen met uitnodigingscodes. Probeer het later opnieuw.',
    settings: (sectors, state) =>
      `De sectoren van uw organisatie:\n${sectors}\n${state}\nTyp "demp 2" om geen meldingen van sector 2 meer te krijgen, "ontdemp 2" om ze weer te krijgen, "stop meldingen" of "start meldingen".`,
    noSectors: 'Uw organisatie heeft nog geen sectoren.',
    receivingAll: 'U ontvangt alle meldingen voor uw organisatie.',
    mutedList: (sectors) => `Gedempt: ${sectors}.`,
    left: 'U ontvangt geen meldingen meer.',
    muted: (sector) => `U ontvangt geen meldingen meer voor ${sector}.`,
    unmuted: (sector) => `U ontvangt weer meldingen voor ${sector}.`,
    leftAlerts:
      'U ontvangt geen meldingen meer. Melden kan nog altijd. Typ "start meldingen" om ze weer te ontvangen.',
    joinedAlerts: 'U ontvangt weer politiemeldingen.',
    unknownSector: 'Welke sector? Typ "meldingen" voor de genummerde lijst.',
    notMember: 'Meldingen zijn voor leden van geregistreerde partnerorganisaties.',
  },
  commands: {
    settings: ['meldingen', 'politiemeldingen'],
    mute: ['demp', 'dempen'],
    unmute: ['ontdemp'],
    leave: ['stop meldingen'],
    join: ['start meldingen'],
  },
};

const fr: AlertMessages = {
  sectors: {
    portMaritime: 'Port et maritime',
    chemical: 'Chimie et pétrochimie',
    diamondJewellery: 'Diamant et bijouterie',
    energyUtilities: 'Énergie et services publics',
    transportLogistics: 'Transport et logistique',
    retail: 'Commerce de détail',
    hospitalityEvents: 'Horeca et événements',
    education: 'Enseignement',
    health: 'Santé',
    religiousSites: 'Lieux de culte',
    culture: 'Culture',
    finance: 'Finance',
    government: 'Pouvoirs publics',
    realEstateFacility: 'Immobilier et facility management',
    media: 'Médias',
    other: 'Autre',
  },
  severities: { information: 'Information', advisory: 'Avis', warning: 'Avertissement', urgent: 'Urgent' },
  card: {
    seen: 'Vu',
    reportRelated: 'Signaler quelque chose en lien',
    validUntil: (when) => `Valable jusqu'au ${when}`,
    originalIn: (language) => `Pas disponible dans votre langue ; original en ${language} :`,
    withdrawn: 'Cette alerte a été retirée par la police.',
    fromPolice: 'Alerte de la police (réseau Shield)',
  },
  replies: {
    seenThanks: 'Merci, la police voit que vous avez lu cette alerte.',
    alertGone: "Cette alerte n'est plus active.",
    relatedStarts: (title) => `Vous signalez quelque chose en lien avec l'alerte « ${title} ».`,
    finishReportFirst:
      "Terminez (ou annulez) d'abord le signalement commencé, puis appuyez à nouveau sur le bouton.",
    registered: (name) =>
      `Bienvenue dans le réseau Shield : ${name} est enregistrée. Les collègues qui installent l'application recevront les alertes de la police.`,
    registeredPending: (name) =>
      `Merci : ${name} est enregistrée et attend l'activation par la police. Vous pourrez signaler et recevoir des alertes une fois activée.`,
    codeRefused: "Ce n'est pas un code d'invitation valable. Vérifiez-le et tapez-le à nouveau.",
    codeExpired: "Ce code d'invitation a expiré. Demandez-en un nouveau à la police.",
    codeUsed: "Ce code d'invitation a déjà été utilisé.",
    alreadyPartner: 'Votre organisation est déjà enregistrée.',
    tooManyCodes: "Trop d'essais de codes d'invitation. Réessayez plus tard.",
    settings: (sectors, state) =>
      `Les secteurs de votre organisation :\n${sectors}\n${state}\nTapez « silence 2 » pour ne plus recevoir les alertes du secteur 2, « reactiver 2 » pour les recevoir à nouveau, « quitter alertes » ou « rejoindre alertes ».`,
    noSectors: "Votre organisation n'a pas encore de secteurs.",
    receivingAll: 'Vous recevez toutes les alertes de votre organisation.',
    mutedList: (sectors) => `En silence : ${sectors}.`,
    left: 'Vous ne recevez plus les alertes.',
    muted: (sector) => `Vous ne recevrez plus les alertes pour ${sector}.`,
    unmuted: (sector) => `Vous recevrez à nouveau les alertes pour ${sector}.`,
    leftAlerts:
      'Vous ne recevez plus les alertes. Vous pouvez toujours signaler. Tapez « rejoindre alertes » pour les recevoir à nouveau.',
    joinedAlerts: 'Vous recevrez à nouveau les alertes de la police.',
    unknownSector: 'Quel secteur ? Tapez « alertes » pour voir la liste numérotée.',
    notMember: 'Les alertes sont destinées aux membres des organisations partenaires enregistrées.',
  },
  commands: {
    settings: ['alertes'],
    mute: ['silence'],
    unmute: ['reactiver'],
    leave: ['quitter alertes'],
    join: ['rejoindre alertes'],
  },
};

const de: AlertMessages = {
  sectors: {
    portMaritime: 'Hafen und Schifffahrt',
    chemical: 'Chemie und Petrochemie',
    diamondJewellery: 'Diamanten und Schmuck',
    energyUtilities: 'Energie und Versorgung',
    transportLogistics: 'Transport und Logistik',
    retail: 'Einzelhandel',
    hospitalityEvents: 'Gastgewerbe und Veranstaltungen',
    education: 'Bildung',
    health: 'Gesundheit',
    religiousSites: 'Religiöse Stätten',
    culture: 'Kultur',
    finance: 'Finanzen',
    government: 'Behörden',
    realEstateFacility: 'Immobilien und Facility Management',
    media: 'Medien',
    other: 'Sonstiges',
  },
  severities: { information: 'Information', advisory: 'Hinweis', warning: 'Warnung', urgent: 'Dringend' },
  card: {
    seen: 'Gesehen',
    reportRelated: 'Etwas Zusammenhängendes melden',
    validUntil: (when) => `Gültig bis ${when}`,
    originalIn: (language) => `Nicht in Ihrer Sprache verfügbar; Original auf ${language}:`,
    withdrawn: 'Diese Warnung wurde von der Polizei zurückgezogen.',
    fromPolice: 'Polizeiwarnung (Shield-Netzwerk)',
  },
  replies: {
    seenThanks: 'Danke, die Polizei sieht, dass Sie diese Warnung gelesen haben.',
    alertGone: 'Diese Warnung ist nicht mehr aktiv.',
    relatedStarts: (title) => `Sie melden etwas im Zusammenhang mit der Warnung „${title}“.`,
    finishReportFirst:
      'Bitte schließen Sie zuerst die begonnene Meldung ab (oder brechen Sie sie ab) und drücken Sie dann erneut.',
    registered: (name) =>
      `Willkommen im Shield-Netzwerk: ${name} ist registriert. Kolleginnen und Kollegen, die die App installieren, erhalten Polizeiwarnungen.`,
    registeredPending: (name) =>
      `Danke: ${name} ist registriert und wartet auf die Freischaltung durch die Polizei. Danach können Sie melden und Warnungen erhalten.`,
    codeRefused: 'Das ist kein gültiger Einladungscode. Prüfen Sie ihn und geben Sie ihn erneut ein.',
    codeExpired: 'Dieser Einladungscode ist abgelaufen. Bitten Sie die Polizei um einen neuen.',
    codeUsed: 'Dieser Einladungscode wurde bereits verwendet.',
    alreadyPartner: 'Ihre Organisation ist bereits registriert.',
    tooManyCodes: 'Zu viele Versuche mit Einladungscodes. Versuchen Sie es später erneut.',
    settings: (sectors, state) =>
      `Die Sektoren Ihrer Organisation:\n${sectors}\n${state}\nGeben Sie „stumm 2“ ein, um keine Warnungen für Sektor 2 mehr zu erhalten, „laut 2“, um sie wieder zu erhalten, „warnungen abbestellen“ oder „warnungen abonnieren“.`,
    noSectors: 'Ihre Organisation hat noch keine Sektoren.',
    receivingAll: 'Sie erhalten alle Warnungen für Ihre Organisation.',
    mutedList: (sectors) => `Stummgeschaltet: ${sectors}.`,
    left: 'Sie erhalten keine Warnungen mehr.',
    muted: (sector) => `Sie erhalten keine Warnungen mehr für ${sector}.`,
    unmuted: (sector) => `Sie erhalten wieder Warnungen für ${sector}.`,
    leftAlerts:
      'Sie erhalten keine Warnungen mehr. Melden können Sie weiterhin. Geben Sie „warnungen abonnieren“ ein, um sie wieder zu erhalten.',
    joinedAlerts: 'Sie erhalten wieder Polizeiwarnungen.',
    unknownSector: 'Welcher Sektor? Geben Sie „warnungen“ ein, um die nummerierte Liste zu sehen.',
    notMember: 'Warnungen sind für Mitglieder registrierter Partnerorganisationen.',
  },
  commands: {
    settings: ['warnungen'],
    mute: ['stumm'],
    unmute: ['laut'],
    leave: ['warnungen abbestellen'],
    join: ['warnungen abonnieren'],
  },
};

const catalogue: Record<Locale, AlertMessages> = { en, nl, fr, de };

/** The Shield network's messages in a locale. */
export function alertMessagesFor(locale: Locale): AlertMessages {
  return catalogue[locale];
}
