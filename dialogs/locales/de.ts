import type { Messages } from './messages';
import { countsOf } from './counts';

// What arrived as evidence, only what there is and in the right number: "2 files and 1 link".
const evidenceCount = (files: number, links: number): string =>
  countsOf(
    'de',
    [
      [files, { one: 'Datei', other: 'Dateien' }],
      [links, { one: 'Link', other: 'Links' }],
    ],
    'Keine',
  );

export const de: Messages = {
  languageName: 'Deutsch',
  welcome: {
    greeting: 'Willkommen bei Shield Reporter, dem Meldedienst der Polizei.',
    purpose:
      'Hier können Sie melden, was Sie gesehen oder gehört haben und Ihnen verdächtig vorkam und auf Terrorismus oder schwere Kriminalität hindeuten kann. Jede Meldung wird von einem Polizeibeamten gelesen.',
    emergency:
      'Im Notfall, oder wenn jemand gerade in Gefahr ist, rufen Sie 112 an. Für die Polizei ohne Notfall: 101.',
    start:
      'Drücken Sie „Meldung starten“, oder erzählen Sie uns einfach in Ihren eigenen Worten, was passiert ist. Schreiben Sie „Hilfe“, um mehr zu erfahren.',
    startButton: 'Meldung starten',
    otherLanguages:
      'Sie können auch auf English, Nederlands oder français weitermachen: Schreiben Sie einfach den Namen der Sprache.',
  },
  teams: {
    unknownTenant:
      'Danke für Ihre Nachricht. Shield Reporter in Teams steht den Organisationen offen, die mit der Polizei zusammenarbeiten, und Ihre ist noch nicht registriert. Hat die Polizei Ihrer Organisation einen Einladungscode geschickt (er beginnt mit SHLD-), geben Sie ihn hier ein, um sie zu registrieren; haben Sie ihn schon eingegeben, bestätigt die Polizei die Registrierung in Kürze. Sie können über die Website der Polizei melden. Im Notfall rufen Sie 112 an.',
    fileRefused: `Entschuldigung, diese Datei kann nicht als Beweis dienen: Senden Sie ein Foto (JPEG oder PNG) oder ein PDF. Auf einem iPhone sind Fotos oft HEIC, das nicht angenommen werden kann: Wählen Sie vor der Aufnahme Einstellungen > Kamera > Formate > Maximale Kompatibilität, oder teilen Sie das Foto als JPEG.`,
    fileNotFetched:
      'Entschuldigung, ich konnte diese Datei nicht aus Teams abrufen. Bitte senden Sie sie gleich noch einmal.',
    fileTooLarge: (size: string) => `Diese Datei ist zu groß: Jede Datei darf höchstens ${size} groß sein.`,
  },
  teamsChat: {
    personalOnly:
      'Meldungen und Fragen bearbeite ich nur in einem privaten Chat mit mir, damit niemand sonst sie liest. Öffnen Sie hier den privaten Chat:',
    openPersonalChat: 'Meinen privaten Chat mit Shield Reporter öffnen',
    anonymousNote:
      'In Teams trägt eine anonyme Meldung den Namen Ihrer Organisation (wenn sie ein registrierter Partner ist), nie Ihren Namen oder Ihr Teams-Konto. Fragen der Polizei erreichen Sie weiterhin in diesem privaten Chat.',
    fileHostRefused:
      'Ich habe diese Datei nicht abgerufen: Ihr Link zeigt auf einen Ort, von dem ich nicht herunterladen darf (nur der Dateispeicher von Teams ist erlaubt). Bitte hängen Sie sie erneut von Ihrem Gerät an, direkt in diesem Chat.',
    deactivated:
      'Ihre Organisation nimmt nicht mehr an Shield Reporter in Teams teil, daher kann hier keine neue Meldung gemacht werden: Nutzen Sie die Website der Polizei, und rufen Sie im Notfall 112 an. Ihre eigenen Meldungen verfolgen und der Polizei antworten können Sie weiterhin: Tippen Sie "Stand".',
    chooseLanguage: 'In welcher Sprache soll ich sprechen? Nederlands, français, Deutsch oder English.',
    reviewReplaced: 'Diese Übersicht wurde durch eine neuere weiter unten ersetzt.',
  },
  errors: {
    turnFailed:
      'Entschuldigung, bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal. Im Notfall: 112.',
  },
  words: {
    help: ['hilfe', 'erklarung'],
    back: ['zuruck', 'zurueck', 'vorherige'],
    skip: ['uberspringen', 'ueberspringen', 'weiter'],
    cancel: ['abbrechen', 'beenden'],
    restart: ['neu starten', 'von vorne', 'neustart', 'neu beginnen'],
    report: ['melden', 'meldung', 'neue meldung', 'meldung machen', 'meldung starten'],
    status: ['stand', 'meine meldung', 'meine meldungen', 'meldung prufen', 'nachverfolgen'],
    confirm: ['bestatigen', 'bestaetigen', 'senden', 'absenden', 'abschicken'],
    change: ['andern', 'aendern', 'korrigieren', 'bearbeiten'],
    done: ['fertig', 'erledigt', 'das ist alles', 'nichts mehr'],
    none: ['keine', 'keiner', 'nichts', 'nein'],
    unknown: [
      'weiss ich nicht',
      'ich weiss es nicht',
      'ich weiss nicht',
      'weiss nicht',
      'keine ahnung',
      'nicht sicher',
      'unbekannt',
    ],
    greeting: ['hallo', 'guten tag', 'guten morgen', 'guten abend', 'moin', 'servus', 'gruss gott'],
    yes: ['ja', 'j', 'jawohl', 'einverstanden', 'in ordnung', 'genau', 'ich stimme zu'],
    no: ['nein', 'nee', 'eher nicht'],
  },
  engine: {
    required: 'Diese Frage braucht eine Antwort, bevor es weitergeht.',
    skipped: 'Übersprungen.',
    firstQuestion: 'Das ist die erste Frage, weiter zurück geht es nicht.',
    chooseOption: 'Bitte wählen Sie eine der Möglichkeiten, oder schreiben Sie ihre Nummer.',
    answerYesNo: 'Bitte antworten Sie mit ja oder nein.',
    invalid: {
      empty:
        'Ich habe keine Antwort erhalten. Bitte schreiben Sie sie, oder „überspringen“, wenn die Frage freiwillig ist.',
      tooLong: (limit: number, length: number) =>
        `Diese Antwort ist ${length} Zeichen lang; erlaubt sind hier ${limit}. Bitte kürzen Sie sie (es wurde nichts gespeichert).`,
      tooShort: (limit: number) => `Bitte geben Sie etwas mehr Details an (mindestens ${limit} Zeichen).`,
      email:
        'Das sieht nicht wie eine E-Mail-Adresse aus (zum Beispiel: name@beispiel.be). Bitte versuchen Sie es erneut, oder „überspringen“.',
      phone:
        'Das sieht nicht wie eine Telefonnummer aus (Ziffern, eventuell mit + am Anfang). Bitte versuchen Sie es erneut, oder „überspringen“.',
      plate:
        'Ein Kennzeichen hat nur Buchstaben, Ziffern, Leerzeichen und Bindestriche. Schreiben Sie, was Sie gesehen haben; ? für ein unsicheres Zeichen.',
    },
    whenUnrecognised:
      'Ich habe darin kein Datum und keine Uhrzeit gefunden. Versuchen Sie zum Beispiel „gestern gegen 17 Uhr“, „heute um 14:30“ oder „21.11. um 17:00“.',
    whenFuture:
      'Dieser Zeitpunkt liegt in der Zukunft. Bitte sagen Sie uns, wann Sie es gesehen oder gehört haben (eine Meldung betrifft etwas, das schon geschehen ist).',
    whenConfirm: (text: string) => `Ich habe verstanden: ${text}. Stimmt das? (ja/nein)`,
    whenAround: 'gegen',
    whenTimeUnknown: 'Uhrzeit nicht angegeben',
    whenRetry: 'In Ordnung. Wann war es? Sie können es in Ihren eigenen Worten schreiben.',
    confirmCancel: 'Möchten Sie diese Meldung abbrechen? Alle Ihre Antworten werden gelöscht. (ja/nein)',
    confirmRestart:
      'Möchten Sie bei der ersten Frage neu beginnen? Alle Ihre Antworten werden gelöscht. (ja/nein)',
    cancelled:
      'Ihre Meldung wurde abgebrochen und Ihre Antworten wurden gelöscht. Schreiben Sie „melden“, wenn Sie neu beginnen möchten.',
    carryOn: 'In Ordnung, machen wir weiter.',
    languageSwitched: 'Ich fahre auf Deutsch fort.',
    resumed:
      'Willkommen zurück. Ihre bisherigen Antworten sind gespeichert; wir machen dort weiter, wo Sie aufgehört haben.',
    expired: (hours: number) =>
      `Ihre unvollständige Meldung wurde mehr als ${hours} Stunden nicht bearbeitet und zum Schutz Ihrer Privatsphäre gelöscht. Beginnen wir eine neue.`,
    staleCard:
      'Diese Schaltfläche gehört zu einer früheren Nachricht; es wurde nichts geändert. Hier stehen wir:',
    evidenceReceived: (files: number, links: number) =>
      `Erhalten: ${evidenceCount(files, links)}. Senden Sie mehr, oder schreiben Sie „fertig“, wenn Sie fertig sind.`,
    evidenceNothing:
      'Bitte senden Sie ein Foto oder Dokument, fügen Sie einen Link ein, oder schreiben Sie „fertig“ (oder „keine“, wenn Sie nichts haben).',
    evidenceUnsupported: (name: string) =>
      `„${name}“ konnte ich nicht annehmen. Fotos (JPEG, PNG) und PDF-Dokumente werden angenommen. Auf einem iPhone sind Fotos oft HEIC, das nicht angenommen werden kann: Wählen Sie vor der Aufnahme Einstellungen > Kamera > Formate > Maximale Kompatibilität, oder teilen Sie das Foto als JPEG.`,
    profileNameOffer: (name: string) =>
      `Laut Teams heißen Sie ${name}. Dürfen wir diesen Namen verwenden? (ja/nein, oder schreiben Sie Ihren Namen)`,
    consentRequired:
      'Wir können die Meldung nur mit Ihrer Zustimmung senden. Antworten Sie ja, um zuzustimmen, „zurück“, um eine Antwort zu ändern, oder „abbrechen“, um die Meldung zu löschen.',
    changeWhich:
      'Welche Antwort möchten Sie ändern? Schreiben Sie „ändern“ und die Nummer aus der Liste, zum Beispiel „ändern 5“.',
    editing: 'Bitte geben Sie Ihre neue Antwort.',
    editingItem: (item: string, count: number) =>
      `Bitte beantworten Sie die ${count} Fragen zu ${item} noch einmal, eine nach der anderen; danach sehen Sie Ihre Meldung wieder zur Prüfung.`,
    unknownRecorded: 'Notiert: Sie wissen es nicht. Das ist in Ordnung.',
    unknownYourChoice:
      'Diese Frage betrifft Ihre eigene Entscheidung, daher kann „weiß ich nicht“ hier keine Antwort sein.',
    firstMessageKept: (text: string) =>
      `Ich habe Ihre Nachricht als Anfang Ihres Berichts behalten: „${text}“. Zuerst ein paar Fragen.`,
    accountContinue: (text: string) =>
      `Sie haben uns schon gesagt: „${text}“. Ergänzen Sie alles, was Sie sonst gesehen oder gehört haben, auch Einzelheiten, die unwichtig scheinen, oder schreiben Sie „fertig“, wenn das alles ist.`,
    detailKept: 'Notiert, mit dem, was Sie ergänzt haben.',
  },
  urgent: {
    title: 'Wenn jemand in Gefahr ist, rufen Sie jetzt an',
    emergency: 'Notfall: 112 anrufen',
    police: 'Polizei, kein Notfall: 101 anrufen',
    body: 'Bringen Sie sich nicht in Gefahr. Entfernen Sie sich von der Gefahr, wenn Sie können, und behalten Sie diesen Chat für später.',
    marked:
      'Ihre Meldung ist als DRINGEND markiert. Wenn Sie in Sicherheit sind, können Sie hier mit der Meldung fortfahren.',
    ongoingTitle: 'Es dauert noch an: was Sie jetzt tun',
    ongoingBody:
      'Halten Sie Abstand und berühren Sie nichts. Sagen Sie dem Personal oder dem Sicherheitsdienst vor Ort Bescheid. Rufen Sie 112 an, wenn jemand in Gefahr ist; sonst die Polizei unter 101. Fahren Sie dann hier mit der Meldung fort.',
    wordsMarked:
      'Was Sie geschrieben haben, kann bedeuten, dass gerade Gefahr besteht: Ihre Meldung ist als DRINGEND markiert. Wenn jemand in Gefahr ist, rufen Sie jetzt 112 an.',
  },
  questions: {
    urgent: {
      prompt: 'Zuerst: Ist jemand in Gefahr, oder geschieht es gerade jetzt? (ja/nein)',
      help: 'Wenn jemand in Gefahr ist oder es jetzt geschieht, rufen Sie sofort 112 an. Wir fragen das zuerst, damit dringende Meldungen zuerst gesehen werden.',
      label: 'Dringend',
    },
    category: {
      prompt: 'Worum geht es in Ihrer Meldung?',
      help: 'Wählen Sie, was am besten passt; so kommt Ihre Meldung zum richtigen Team. „Sonstiges“ ist auch in Ordnung.',
      label: 'Kategorie',
    },
    account: {
      prompt:
        'Erzählen Sie in Ihren eigenen Worten alles, was Sie gesehen oder gehört haben, auch Details, die unwichtig erscheinen. Sie dürfen ruhig sagen, dass Sie etwas nicht wissen.',
      help: 'Ihre eigene Schilderung, in Ihrer eigenen Reihenfolge, ist der wertvollste Teil. Die gezielten Fragen kommen danach.',
      label: 'Ihre Schilderung',
    },
    when: {
      prompt:
        'Wann ist es geschehen? Ein Datum und eine Uhrzeit, oder ein Zeitraum, in Ihren Worten (zum Beispiel „gestern gegen 17 Uhr“).',
      help: 'Der Zeitpunkt hilft der Polizei, Ihre Meldung mit anderen Informationen zu verbinden. Ungefähr genügt.',
      label: 'Wann',
    },
    ongoing: {
      prompt: 'Dauert es noch an? (ja/nein)',
      help: 'Wenn es noch geschieht und jemand in Gefahr ist, rufen Sie 112 an.',
      label: 'Dauert noch an',
    },
    place: {
      prompt:
        'Wo ist es geschehen? Eine Adresse, oder ein erkennbarer Ort (ein Bahnhof, ein Geschäft, eine Kreuzung).',
      help: 'Die Polizei muss wissen, wo sie suchen soll. Ein markanter Punkt genügt, wenn Sie die Adresse nicht kennen.',
      label: 'Ort',
    },
    placeDetail: {
      prompt:
        'Wo genau? Zum Beispiel das Stockwerk, der Eingang oder die Richtung, in die jemand ging. (oder „überspringen“)',
      help: 'Details wie das Stockwerk oder die Fahrtrichtung helfen den Beamten, die Stelle zu finden.',
      label: 'Genaue Stelle',
    },
    sex: {
      prompt: 'War diese Person eine Frau oder ein Mann?',
      help: 'So wie Sie es wahrgenommen haben; „unbekannt“ ist in Ordnung.',
      label: 'Geschlecht',
    },
    age: {
      prompt: 'Ungefähr wie alt? (zum Beispiel „um die 30“)',
      help: 'Eine Schätzung genügt.',
      label: 'Geschätztes Alter',
    },
    height: {
      prompt: 'Wie groß, ungefähr? (zum Beispiel „etwa 1,80 m“)',
      help: 'Vergleichen Sie mit sich selbst, wenn das hilft.',
      label: 'Größe',
    },
    build: {
      prompt: 'Welche Statur? (zum Beispiel schlank, mittel, kräftig)',
      help: 'Ihr Eindruck genügt.',
      label: 'Statur',
    },
    hair: {
      prompt: 'Welche Haare? (Farbe, Länge, Frisur, oder eine Kopfbedeckung)',
      help: 'So wie Sie sie gesehen haben.',
      label: 'Haare',
    },
    clothing: {
      prompt: 'Welche Kleidung? (Farben, Logos, Schuhe, eine Tasche)',
      help: 'Kleidung hilft oft am meisten, jemanden auf Kamerabildern wiederzufinden.',
      label: 'Kleidung',
    },
    marks: {
      prompt: 'Besondere Merkmale? (Tätowierungen, Narben, Brille, Gang oder Sprechweise)',
      help: 'Alles, woran Sie die Person wiedererkennen würden.',
      label: 'Besondere Merkmale',
    },
    actions: {
      prompt: 'Was hat diese Person getan oder gesagt?',
      help: 'Beschreiben Sie das Verhalten, nicht das Aussehen.',
      label: 'Getan oder gesagt',
    },
    name: {
      prompt: 'Kennen Sie den Namen? (oder „überspringen“)',
      help: 'Nur wenn Sie ihn kennen.',
      label: 'Name',
    },
    plate: {
      prompt: 'Wie lautete das Kennzeichen? Ein Teil genügt; ? für ein Zeichen, bei dem Sie unsicher sind.',
      help: 'Schon ein Teil des Kennzeichens hilft.',
      label: 'Kennzeichen',
    },
    plateCountry: {
      prompt: 'Aus welchem Land war das Kennzeichen?',
      help: 'Zum Beispiel Belgien, die Niederlande, Frankreich.',
      label: 'Land des Kennzeichens',
    },
    make: { prompt: 'Welche Marke? (zum Beispiel Volkswagen)', help: 'Wenn Sie es wissen.', label: 'Marke' },
    model: { prompt: 'Welches Modell?', help: 'Wenn Sie es wissen.', label: 'Modell' },
    colour: { prompt: 'Welche Farbe?', help: 'So wie Sie sie gesehen haben.', label: 'Farbe' },
    vehicleType: { prompt: 'Welche Art von Fahrzeug?', help: 'Wählen Sie das Ähnlichste.', label: 'Art' },
    direction: {
      prompt: 'In welche Richtung ist es gefahren?',
      help: 'Ein Straßenname oder markanter Punkt genügt.',
      label: 'Richtung',
    },
    passengers: {
      prompt: 'Wie viele Personen saßen darin, und was wissen Sie über sie?',
      help: 'Falls Sie es bemerkt haben.',
      label: 'Insassen',
    },
    suspicious: {
      prompt:
        'Warum kam es Ihnen verdächtig vor? Bitte beschreiben Sie Verhalten oder Umstände: Aussehen, Herkunft oder Religion sind für sich genommen kein Hinweis auf irgendetwas.',
      help: 'Was jemand tut, nicht wer jemand ist, zeigt der Polizei, ob etwas nicht stimmt.',
      label: 'Warum verdächtig',
    },
    evidence: {
      prompt:
        'Haben Sie Fotos oder Dokumente? Senden Sie sie jetzt als Anhang, oder fügen Sie Links ein. Schreiben Sie „fertig“, wenn Sie fertig sind, oder „keine“.',
      help: 'Fotos und Dokumente können entscheidend sein. Bringen Sie sich nicht in Gefahr, um sie aufzunehmen.',
      label: 'Beweise',
    },
    witnesses: {
      prompt:
        'Hat jemand anderes es gesehen oder gehört? Wie kann die Polizei diese Person erreichen? (oder „überspringen“)',
      help: 'Andere Zeugen können Ihre Schilderung bestätigen und ergänzen.',
      label: 'Andere Zeugen',
    },
    anonymous: {
      prompt:
        'Möchten Sie anonym bleiben? (ja/nein) Auch dann können Sie Ihre Meldung mit dem Code verfolgen, den Sie erhalten.',
      help: 'Anonyme Meldungen sind willkommen. Mit Ihren Angaben kann ein Beamter Sie bei Fragen kontaktieren.',
      label: 'Anonym',
    },
    contactName: {
      prompt: 'Wie ist Ihr Name?',
      help: 'Damit ein Beamter weiß, nach wem er fragen soll.',
      label: 'Ihr Name',
    },
    contactPhone: {
      prompt: 'Ihre Telefonnummer? (oder „überspringen“)',
      help: 'Nur von der Polizei für diese Meldung verwendet.',
      label: 'Telefon',
    },
    contactEmail: {
      prompt: 'Ihre E-Mail-Adresse? (oder „überspringen“)',
      help: 'Nur von der Polizei für diese Meldung verwendet.',
      label: 'E-Mail',
    },
    organisation: {
      prompt: 'Ihre Organisation (Unternehmen, Schule, Verein)? (oder „überspringen“)',
      help: 'Nützlich, wenn Sie im Namen einer Partnerorganisation melden.',
      label: 'Organisation',
    },
    preferredContact: {
      prompt: 'Wie möchten Sie am liebsten kontaktiert werden?',
      help: 'Wir versuchen es zuerst auf diesem Weg.',
      label: 'Bevorzugter Kontakt',
    },
    consent: {
      prompt:
        'Bevor Sie senden: Ihre Meldung und etwaige persönliche Daten gehen nur an die Polizei, werden zur Bewertung und Ermittlung verwendet und {retentionDays} Tage nach Abschluss der Akte gelöscht. Unvollständige Meldungen werden nach {draftHours} Stunden gelöscht. Sind Sie einverstanden, die Meldung zu diesen Bedingungen zu senden? (ja/nein)',
      help: 'Ihre Daten sind geschützt: Jeder Zugriff der Polizei auf eine Meldung wird protokolliert. Sie können anonym bleiben.',
      label: 'Einwilligung',
    },
  },
  loops: {
    people: {
      gate: 'Haben Sie beteiligte Personen gesehen? (ja/nein)',
      gateHelp: 'Wir fragen nach einer Person nach der anderen.',
      more: 'Gab es noch eine Person? (ja/nein)',
      item: (index: number) => `Person ${index}`,
      label: 'Personen',
      none: 'keine',
      full: 'Mehr Personen können wir hier nicht aufnehmen; beschreiben Sie weitere bitte in Ihrer Schilderung.',
    },
    vehicles: {
      gate: 'War ein Fahrzeug beteiligt? (ja/nein)',
      gateHelp: 'Wir fragen nach einem Fahrzeug nach dem anderen.',
      more: 'Gab es noch ein Fahrzeug? (ja/nein)',
      item: (index: number) => `Fahrzeug ${index}`,
      label: 'Fahrzeuge',
      none: 'keine',
      full: 'Mehr Fahrzeuge können wir hier nicht aufnehmen; beschreiben Sie weitere bitte in Ihrer Schilderung.',
    },
  },
  choices: {
    category: {
      behaviour: 'Verdächtiges Verhalten',
      item: 'Zurückgelassener oder verdächtiger Gegenstand',
      vehicle: 'Verdächtiges Fahrzeug',
      materials: 'Ungewöhnlicher Kauf, Miete oder Diebstahl von Material',
      online: 'Online-Inhalt oder Drohung',
      other: 'Sonstiges',
    },
    sex: { female: 'Frau', male: 'Mann', unknown: 'Unbekannt' },
    vehicleType: {
      car: 'Auto',
      van: 'Lieferwagen',
      truck: 'Lastwagen',
      motorbike: 'Motorrad oder Roller',
      bicycle: 'Fahrrad',
      other: 'Sonstiges',
    },
    contactMethod: { phone: 'Telefon', email: 'E-Mail', chat: 'Dieser Chat' },
  },
  review: {
    title: 'Bitte prüfen Sie Ihre Meldung',
    intro:
      'Hier ist alles, was Sie uns gesagt haben. Schreiben Sie „bestätigen“, um sie zu senden, oder „ändern“ und eine Nummer, um eine Antwort zu korrigieren (zum Beispiel „ändern 6“).',
    yes: 'Ja',
    no: 'Nein',
    skipped: '(nicht angegeben)',
    unknown: 'Weiß ich nicht',
    confirmButton: 'Meldung senden',
    changeButton: 'Ändern',
    evidence: (files: number, links: number) => evidenceCount(files, links),
  },
  submit: {
    saved: 'Danke. Ihre Meldung wurde an die Polizei gesendet.',
    receiptTitle: 'Ihre Quittung: bewahren Sie beides auf',
    caseNumberLabel: 'Aktenzeichen',
    receiptCodeLabel: 'Quittungscode',
    copyReceipt: 'Aktenzeichen und Quittungscode kopieren',
    receiptKeep:
      'Bewahren Sie beides sicher auf: Der Quittungscode wird nur dieses eine Mal angezeigt und nirgends gespeichert. Mit beidem können Sie den Stand Ihrer Meldung abfragen und Fragen der Polizei beantworten, auch anonym (schreiben Sie „Status“).',
    receiptShown:
      'Ihr Quittungscode wurde einmal angezeigt, als die Meldung gesendet wurde. Er wird nirgends gespeichert und kann daher nicht erneut angezeigt werden.',
    queued:
      'Unsere Datenbank ist im Moment nicht erreichbar. Ihre Meldung ist sicher auf unserem Server gespeichert und wird automatisch an die Polizei übermittelt, sobald die Datenbank wieder verfügbar ist. Sie müssen sie nicht noch einmal senden.',
    alreadySubmitted: (caseNumber: string) =>
      `Diese Meldung wurde bereits gesendet. Aktennummer: ${caseNumber}. Es wurde nichts doppelt gesendet.`,
  },
  status: {
    askCaseNumber:
      'Bitte geben Sie die Aktennummer ein, die Sie erhalten haben (sie sieht aus wie SR-7KQ2M-X9D4T).',
    badCaseNumber:
      'Das sieht nicht wie eine Aktennummer aus: SR- gefolgt von zehn Buchstaben und Ziffern. Bitte versuchen Sie es erneut, oder schreiben Sie „abbrechen“.',
    askReceipt: 'Geben Sie jetzt Ihren Quittungscode ein (20 Buchstaben und Ziffern, Bindestriche optional).',
    mismatch:
      'Diese Aktennummer und dieser Quittungscode passen nicht zusammen. Bitte prüfen Sie beides und versuchen Sie es erneut.',
    limited:
      'Zu viele Versuche. Zu Ihrem Schutz ist die Prüfung eine Weile gesperrt; bitte versuchen Sie es später erneut.',
    unavailable:
      'Eine Meldung abzufragen ist gerade nicht möglich. Bitte versuchen Sie es in ein paar Minuten erneut.',
    states: {
      new: 'eingegangen, noch nicht geprüft',
      triaged: 'von einem Polizeibeamten geprüft',
      in_progress: 'in Ermittlung',
      closed: 'abgeschlossen',
    },
    current: (caseNumber: string, state: string) => `Akte ${caseNumber}: ${state}.`,
    noCases:
      'In diesem Chat liegen noch keine Meldungen von Ihnen vor. Schreiben Sie „melden“, um eine zu erstellen.',
    noQuestions: 'Die Polizei hat im Moment keine Fragen an Sie. Danke für Ihre Meldung.',
    question: (text: string) => `Die Polizei fragt Sie: ${text}`,
    answerInTeams: 'Schreiben Sie „status“, um hier zu antworten.',
    answerPrompt: 'Bitte schreiben Sie Ihre Antwort, oder „überspringen“, um später zu antworten.',
    answered: 'Danke, Ihre Antwort wurde der Akte hinzugefügt.',
    later: 'In Ordnung. Sie können später antworten: Schreiben Sie „status“.',
    cancelled: 'In Ordnung, es wurde nichts geprüft.',
  },
  upload: {
    wrongType: (names: string) =>
      `„${names}“ konnte nicht angenommen werden. Sie können Fotos (JPEG oder PNG) und PDF-Dokumente senden; entscheidend ist der Inhalt der Datei, nicht ihr Name. Auf einem iPhone sind Fotos oft HEIC, das nicht angenommen werden kann: Wählen Sie vor der Aufnahme Einstellungen > Kamera > Formate > Maximale Kompatibilität, oder teilen Sie das Foto als JPEG.`,
    tooLarge: (size: string, files: number) =>
      `Das ist zu groß. Sie können bis zu ${files} Dateien auf einmal senden, jede höchstens ${size} (Fotos als JPEG oder PNG, Dokumente als PDF).`,
  },
  caseView: {
    urgentByAnswer: 'die Zeugin oder der Zeuge sagte, dass jemand in Gefahr ist oder es gerade geschieht',
    urgentByWords: (terms: string) => `der Bericht erwähnt: ${terms}`,
  },
  main: {
    help: 'Shield Reporter nimmt Meldungen verdächtiger Situationen für die Polizei auf. Schreiben Sie „melden“, um zu beginnen, oder „status“, um eine Meldung zu verfolgen. Während einer Meldung können Sie jederzeit „Hilfe“, „zurück“, „überspringen“, „abbrechen“ oder „neu starten“ schreiben, oder den Namen einer Sprache (English, Nederlands, français, Deutsch), um sie zu wechseln. Im Notfall: 112.',
    languageSet: 'Ab jetzt spreche ich Deutsch.',
    staleCard:
      'Diese Schaltfläche gehört zu einer Meldung, die nicht mehr offen ist; es wurde nichts geändert. Schreiben Sie „melden“, um eine neue zu beginnen.',
  },
};
