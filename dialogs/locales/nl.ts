import type { Messages } from './messages';
import { countsOf } from './counts';

// What arrived as evidence, only what there is and in the right number: "2 files and 1 link".
const evidenceCount = (files: number, links: number): string =>
  countsOf(
    'nl',
    [
      [files, { one: 'bestand', other: 'bestanden' }],
      [links, { one: 'link', other: 'links' }],
    ],
    'Geen',
  );

export const nl: Messages = {
  languageName: 'Nederlands',
  welcome: {
    greeting: 'Welkom bij Shield Reporter, de meldingsdienst van de politie.',
    purpose:
      'Hier meldt u iets wat u zag of hoorde en verdacht leek, en dat kan wijzen op terrorisme of zware criminaliteit. Elke melding wordt gelezen door een politieagent.',
    emergency:
      'Bij nood, of als iemand nu in gevaar is, bel 112. Voor de politie zonder dringende hulp, bel 101.',
    start:
      'Druk op "Melding starten", of vertel ons gewoon in uw eigen woorden wat er gebeurde. Typ "help" voor meer uitleg.',
    startButton: 'Melding starten',
    otherLanguages: 'U kunt ook verdergaan in English, français of Deutsch: typ gewoon de naam van de taal.',
  },
  teams: {
    unknownTenant:
      'Bedankt voor je bericht. Shield Reporter in Teams is open voor organisaties die met de politie samenwerken, en jouw organisatie is nog niet geregistreerd. Kreeg je organisatie een uitnodigingscode van de politie (die begint met SHLD-)? Typ die hier om te registreren; typte je ze al, dan bevestigt de politie de registratie binnenkort. Je kunt wel melden via de website van de politie. Bel bij nood 112.',
    fileRefused: `Sorry, dit bestand kan niet als bewijs dienen: stuur een foto (JPEG of PNG) of een pdf. Op een iPhone zijn foto's vaak HEIC, en dat kan niet: kies Instellingen > Camera > Formaten > Meest compatibel voor u de foto neemt, of deel hem als JPEG.`,
    fileNotFetched: 'Sorry, ik kon dat bestand niet ophalen uit Teams. Stuur het zo dadelijk nog eens.',
    fileTooLarge: (size: string) => `Dat bestand is te groot: elk bestand mag hoogstens ${size} zijn.`,
  },
  teamsChat: {
    personalOnly:
      'Meldingen en vragen behandel ik alleen in een privéchat met mij, zodat niemand anders ze leest. Open hier de privéchat:',
    openPersonalChat: 'Mijn privéchat met Shield Reporter openen',
    anonymousNote:
      'In Teams draagt een anonieme melding de naam van je organisatie (als die een geregistreerde partner is), nooit je naam of je Teams-account. Vragen van de politie bereiken je nog altijd in deze privéchat.',
    fileHostRefused:
      'Ik heb dat bestand niet opgehaald: de link wijst naar een plaats waar ik niet mag downloaden (alleen de bestandsopslag van Teams is toegestaan). Voeg het bestand opnieuw toe vanaf je toestel, rechtstreeks in deze chat.',
    deactivated:
      'Je organisatie neemt niet meer deel aan Shield Reporter in Teams, dus hier kan geen nieuwe melding gemaakt worden: gebruik de website van de politie, en bel bij nood 112. Je eigen meldingen opvolgen en de politie antwoorden kan nog altijd: typ "opvolgen".',
    chooseLanguage: 'In welke taal zal ik spreken? Nederlands, français, Deutsch of English.',
    reviewReplaced: 'Dit overzicht is vervangen door een nieuwer hieronder.',
  },
  errors: {
    turnFailed: 'Sorry, er ging bij ons iets mis. Probeer het zo meteen opnieuw. Bij nood, bel 112.',
  },
  words: {
    help: ['hulp', 'uitleg', 'help'],
    back: ['terug', 'vorige', 'ga terug'],
    skip: ['overslaan', 'sla over', 'volgende'],
    cancel: ['annuleren', 'stoppen', 'annuleer'],
    restart: ['opnieuw', 'opnieuw beginnen', 'herbeginnen', 'herstart'],
    report: ['melden', 'melding', 'nieuwe melding', 'melding maken', 'melding starten'],
    status: ['opvolgen', 'mijn melding', 'mijn meldingen', 'melding opvolgen', 'stand van zaken'],
    confirm: ['bevestigen', 'bevestig', 'verzenden', 'versturen', 'verstuur'],
    change: ['wijzig', 'wijzigen', 'verander', 'aanpassen', 'pas aan'],
    done: ['klaar', 'gedaan', 'dat is alles', 'niets meer'],
    none: ['geen', 'niets', 'nee'],
    unknown: [
      'weet ik niet',
      'ik weet het niet',
      'weet niet',
      'weet het niet',
      'geen idee',
      'geen flauw idee',
      'onbekend',
      'niet zeker',
    ],
    greeting: ['hallo', 'hoi', 'dag', 'goedendag', 'goeiedag', 'goedemorgen', 'goedemiddag', 'goedenavond'],
    yes: ['ja', 'j', 'jawel', 'oke', 'akkoord', 'goed', 'ik ga akkoord'],
    no: ['nee', 'neen', 'niet'],
  },
  engine: {
    required: 'Deze vraag heeft een antwoord nodig voor we verder kunnen.',
    skipped: 'Overgeslagen.',
    firstQuestion: 'Dit is de eerste vraag, u kunt niet verder terug.',
    chooseOption: 'Kies een van de mogelijkheden, of typ het nummer.',
    answerYesNo: 'Antwoord met ja of nee.',
    invalid: {
      empty: 'Ik kreeg geen antwoord. Typ het, of typ "overslaan" als de vraag niet verplicht is.',
      tooLong: (limit: number, length: number) =>
        `Dat antwoord is ${length} tekens lang; hier zijn er maximaal ${limit} toegestaan. Maak het korter (er werd niets bewaard).`,
      tooShort: (limit: number) => `Geef iets meer uitleg (minstens ${limit} tekens).`,
      email:
        'Dat lijkt geen e-mailadres (bijvoorbeeld: naam@voorbeeld.be). Probeer het opnieuw, of typ "overslaan".',
      phone:
        'Dat lijkt geen telefoonnummer (cijfers, eventueel beginnend met +). Probeer het opnieuw, of typ "overslaan".',
      plate:
        'Een nummerplaat bevat alleen letters, cijfers, spaties en streepjes. Typ wat u zag; gebruik ? voor een teken waarvan u niet zeker bent.',
    },
    whenUnrecognised:
      'Ik vond daarin geen datum of uur. Probeer bijvoorbeeld "gisteren rond 17u", "vandaag om 14u30" of "21/11 om 17:00".',
    whenFuture:
      'Dat tijdstip ligt in de toekomst. Zeg ons wanneer u het zag of hoorde (een melding gaat over iets wat al gebeurd is).',
    whenConfirm: (text: string) => `Ik begreep: ${text}. Klopt dat? (ja/nee)`,
    whenAround: 'rond',
    whenTimeUnknown: 'uur niet opgegeven',
    whenRetry: 'Goed. Wanneer was het? U mag het in uw eigen woorden schrijven.',
    confirmCancel: 'Wilt u deze melding annuleren? Al uw antwoorden worden gewist. (ja/nee)',
    confirmRestart: 'Wilt u opnieuw beginnen bij de eerste vraag? Al uw antwoorden worden gewist. (ja/nee)',
    cancelled:
      'Uw melding werd geannuleerd en uw antwoorden werden gewist. Typ "melden" wanneer u opnieuw wilt beginnen.',
    carryOn: 'Goed, we gaan verder.',
    languageSwitched: 'Ik ga verder in het Nederlands.',
    resumed: 'Welkom terug. Uw antwoorden zijn bewaard; we gaan verder waar u was gebleven.',
    expired: (hours: number) =>
      `Uw onafgewerkte melding werd meer dan ${hours} uur niet aangeraakt en werd voor uw privacy gewist. We beginnen een nieuwe.`,
    staleCard: 'Die knop hoort bij een eerder bericht, dus er werd niets gewijzigd. Hier zijn we gebleven:',
    evidenceReceived: (files: number, links: number) =>
      `Ontvangen: ${evidenceCount(files, links)}. Stuur er meer, of typ "klaar" als u klaar bent.`,
    evidenceNothing:
      'Stuur een foto of document, plak een link, of typ "klaar" (of "geen" als u niets hebt).',
    evidenceUnsupported: (name: string) =>
      `Ik kon "${name}" niet aanvaarden. Foto's (JPEG, PNG) en PDF-documenten worden aanvaard. Op een iPhone zijn foto's vaak HEIC, en dat kan niet: kies Instellingen > Camera > Formaten > Meest compatibel voor u de foto neemt, of deel hem als JPEG.`,
    profileNameOffer: (name: string) =>
      `Volgens Teams is uw naam ${name}. Mogen we die gebruiken? (ja/nee, of typ uw naam)`,
    consentRequired:
      'We kunnen de melding alleen met uw toestemming versturen. Antwoord ja om akkoord te gaan, "terug" om een antwoord te wijzigen, of "annuleren" om de melding te wissen.',
    changeWhich:
      'Welk antwoord wilt u wijzigen? Typ "wijzig" en het nummer uit de lijst, bijvoorbeeld "wijzig 5".',
    editing: 'Geef uw nieuwe antwoord.',
    editingItem: (item: string, count: number) =>
      `Beantwoord de ${count} vragen over ${item} opnieuw, één voor één; daarna ziet u uw melding weer ter controle.`,
    unknownRecorded: 'Genoteerd: u weet het niet. Dat is geen probleem.',
    unknownYourChoice: 'Deze vraag gaat over uw eigen keuze, dus "weet ik niet" kan hier geen antwoord zijn.',
    firstMessageKept: (text: string) =>
      `Ik heb uw bericht bewaard als het begin van uw verhaal: "${text}". Eerst enkele vragen.`,
    accountContinue: (text: string) =>
      `U vertelde ons al: "${text}". Vul aan met alles wat u verder zag of hoorde, ook details die onbelangrijk lijken, of typ "klaar" als dat alles is.`,
    detailKept: 'Genoteerd, met wat u toevoegde.',
  },
  urgent: {
    title: 'Is iemand in gevaar? Bel nu',
    emergency: 'Noodgeval: bel 112',
    police: 'Politie, geen noodgeval: bel 101',
    body: 'Breng uzelf niet in gevaar. Ga weg van het gevaar als dat kan, en houd deze chat voor later.',
    marked:
      'Uw melding is als DRINGEND gemarkeerd. Als u veilig bent, kunt u hier verdergaan met de melding.',
    ongoingTitle: 'Het is nog bezig: wat u nu doet',
    ongoingBody:
      'Blijf uit de buurt en raak niets aan. Verwittig het personeel of de bewaking in de buurt. Bel 112 als iemand in gevaar is; bel anders de politie op 101. Ga daarna hier verder met de melding.',
    wordsMarked:
      'Wat u schreef kan betekenen dat er nu gevaar is, dus uw melding is als DRINGEND gemarkeerd. Is iemand in gevaar, bel dan nu 112.',
  },
  questions: {
    urgent: {
      prompt: 'Eerst: is iemand in gevaar, of gebeurt het nu? (ja/nee)',
      help: 'Als iemand in gevaar is of het nu gebeurt, bel dan meteen 112. We vragen dit eerst zodat dringende meldingen eerst gezien worden.',
      label: 'Dringend',
    },
    category: {
      prompt: 'Waarover gaat uw melding?',
      help: 'Kies wat het best past; zo komt uw melding bij het juiste team. "Iets anders" is ook goed.',
      label: 'Soort',
    },
    account: {
      prompt:
        'Vertel in uw eigen woorden alles wat u zag of hoorde, ook details die onbelangrijk lijken. U mag gerust zeggen dat u iets niet weet.',
      help: 'Uw eigen verhaal, in uw eigen volgorde, is het waardevolste deel. De gerichte vragen volgen daarna.',
      label: 'Uw verhaal',
    },
    when: {
      prompt:
        'Wanneer gebeurde het? Een datum en uur, of een periode, in uw eigen woorden (bijvoorbeeld "gisteren rond 17u").',
      help: 'Het tijdstip helpt de politie om uw melding aan andere informatie te koppelen. Ongeveer is goed.',
      label: 'Wanneer',
    },
    ongoing: {
      prompt: 'Is het nog aan de gang? (ja/nee)',
      help: 'Als het nog gebeurt en iemand in gevaar is, bel 112.',
      label: 'Nog aan de gang',
    },
    place: {
      prompt:
        'Waar gebeurde het? Een adres, of een herkenbare plaats (een station, een winkel, een kruispunt).',
      help: 'De politie moet weten waar ze moet zoeken. Een herkenningspunt is goed als u het adres niet kent.',
      label: 'Plaats',
    },
    placeDetail: {
      prompt:
        'Waar precies? Bijvoorbeeld de verdieping, de ingang, of de richting waarin iemand ging. (of "overslaan")',
      help: 'Details zoals de verdieping of de rijrichting helpen agenten de plek te vinden.',
      label: 'Precieze plek',
    },
    sex: {
      prompt: 'Was deze persoon een vrouw of een man?',
      help: 'Zoals u het waarnam; "onbekend" is goed.',
      label: 'Geslacht',
    },
    age: {
      prompt: 'Ongeveer hoe oud? (bijvoorbeeld "rond de 30")',
      help: 'Een schatting is goed.',
      label: 'Geschatte leeftijd',
    },
    height: {
      prompt: 'Hoe groot, ongeveer? (bijvoorbeeld "ongeveer 1m80")',
      help: 'Vergelijk met uzelf als dat helpt.',
      label: 'Lengte',
    },
    build: {
      prompt: 'Welke lichaamsbouw? (bijvoorbeeld slank, gemiddeld, zwaar)',
      help: 'Uw indruk volstaat.',
      label: 'Lichaamsbouw',
    },
    hair: {
      prompt: 'Welk haar? (kleur, lengte, model, of een hoofddeksel)',
      help: 'Zoals u het zag.',
      label: 'Haar',
    },
    clothing: {
      prompt: "Welke kleding? (kleuren, logo's, schoenen, een tas)",
      help: 'Kleding helpt vaak het meest om iemand op camerabeelden terug te vinden.',
      label: 'Kleding',
    },
    marks: {
      prompt: 'Opvallende kenmerken? (tatoeages, littekens, een bril, hoe de persoon liep of sprak)',
      help: 'Alles waaraan u de persoon zou herkennen.',
      label: 'Opvallende kenmerken',
    },
    actions: {
      prompt: 'Wat deed of zei deze persoon?',
      help: 'Beschrijf gedrag, geen uiterlijk.',
      label: 'Deed of zei',
    },
    name: { prompt: 'Kent u de naam? (of "overslaan")', help: 'Alleen als u die kent.', label: 'Naam' },
    plate: {
      prompt:
        'Wat was de nummerplaat? Een deel is ook goed; gebruik ? voor een teken waarvan u niet zeker bent.',
      help: 'Zelfs een deel van een nummerplaat helpt.',
      label: 'Nummerplaat',
    },
    plateCountry: {
      prompt: 'Uit welk land was de nummerplaat?',
      help: 'Bijvoorbeeld België, Nederland, Frankrijk.',
      label: 'Land van de plaat',
    },
    make: { prompt: 'Welk merk? (bijvoorbeeld Volkswagen)', help: 'Als u het weet.', label: 'Merk' },
    model: { prompt: 'Welk model?', help: 'Als u het weet.', label: 'Model' },
    colour: { prompt: 'Welke kleur?', help: 'Zoals u het zag.', label: 'Kleur' },
    vehicleType: {
      prompt: 'Wat voor voertuig?',
      help: 'Kies wat het dichtst in de buurt komt.',
      label: 'Type',
    },
    direction: {
      prompt: 'In welke richting reed het weg?',
      help: 'Een straatnaam of herkenningspunt is goed.',
      label: 'Richting',
    },
    passengers: {
      prompt: 'Hoeveel mensen zaten erin, en wat weet u over hen?',
      help: 'Als u het opmerkte.',
      label: 'Inzittenden',
    },
    suspicious: {
      prompt:
        'Waarom leek het u verdacht? Beschrijf gedrag of omstandigheden: uiterlijk, afkomst of godsdienst zijn op zich geen aanwijzing voor iets.',
      help: 'Wat iemand doet, niet wie iemand is, vertelt de politie of er iets mis is.',
      label: 'Waarom verdacht',
    },
    evidence: {
      prompt:
        'Hebt u foto\'s of documenten? Stuur ze nu als bijlage, of plak links. Typ "klaar" als u klaar bent, of "geen".',
      help: "Foto's en documenten kunnen doorslaggevend zijn. Breng uzelf niet in gevaar om ze te maken.",
      label: 'Bewijsmateriaal',
    },
    witnesses: {
      prompt:
        'Heeft iemand anders het gezien of gehoord? Hoe kan de politie die persoon bereiken? (of "overslaan")',
      help: 'Andere getuigen kunnen uw verhaal bevestigen en aanvullen.',
      label: 'Andere getuigen',
    },
    anonymous: {
      prompt: 'Wilt u anoniem blijven? (ja/nee) Ook dan kunt u uw melding opvolgen met de code die u krijgt.',
      help: 'Anonieme meldingen zijn welkom. Met uw gegevens kan een agent u contacteren met vragen.',
      label: 'Anoniem',
    },
    contactName: {
      prompt: 'Wat is uw naam?',
      help: 'Zodat een agent weet naar wie te vragen.',
      label: 'Uw naam',
    },
    contactPhone: {
      prompt: 'Uw telefoonnummer? (of "overslaan")',
      help: 'Alleen gebruikt door de politie voor deze melding.',
      label: 'Telefoon',
    },
    contactEmail: {
      prompt: 'Uw e-mailadres? (of "overslaan")',
      help: 'Alleen gebruikt door de politie voor deze melding.',
      label: 'E-mail',
    },
    organisation: {
      prompt: 'Uw organisatie (bedrijf, school, vereniging)? (of "overslaan")',
      help: 'Nuttig als u meldt namens een partnerorganisatie.',
      label: 'Organisatie',
    },
    preferredContact: {
      prompt: 'Hoe wilt u het liefst gecontacteerd worden?',
      help: 'We proberen eerst op die manier.',
      label: 'Voorkeur voor contact',
    },
    consent: {
      prompt:
        'Voor u verzendt: uw melding en eventuele persoonsgegevens gaan alleen naar de politie, worden gebruikt om ze te beoordelen en te onderzoeken, en worden {retentionDays} dagen na het afsluiten van het dossier gewist. Onafgewerkte meldingen worden na {draftHours} uur gewist. Gaat u akkoord om de melding onder deze voorwaarden te versturen? (ja/nee)',
      help: 'Uw gegevens zijn beschermd: elke raadpleging van een melding door de politie wordt geregistreerd. U kunt anoniem blijven.',
      label: 'Toestemming',
    },
  },
  loops: {
    people: {
      gate: 'Zag u betrokken personen? (ja/nee)',
      gateHelp: 'We vragen naar één persoon tegelijk.',
      more: 'Was er nog een persoon? (ja/nee)',
      item: (index: number) => `Persoon ${index}`,
      label: 'Personen',
      none: 'geen',
      full: 'Meer personen kunnen we hier niet opnemen; beschrijf eventuele anderen in uw eigen verhaal.',
    },
    vehicles: {
      gate: 'Was er een voertuig bij betrokken? (ja/nee)',
      gateHelp: 'We vragen naar één voertuig tegelijk.',
      more: 'Was er nog een voertuig? (ja/nee)',
      item: (index: number) => `Voertuig ${index}`,
      label: 'Voertuigen',
      none: 'geen',
      full: 'Meer voertuigen kunnen we hier niet opnemen; beschrijf eventuele andere in uw eigen verhaal.',
    },
  },
  choices: {
    category: {
      behaviour: 'Verdacht gedrag',
      item: 'Achtergelaten of verdacht voorwerp',
      vehicle: 'Verdacht voertuig',
      materials: 'Ongewone aankoop, huur of diefstal van materiaal',
      online: 'Online inhoud of bedreiging',
      other: 'Iets anders',
    },
    sex: { female: 'Vrouw', male: 'Man', unknown: 'Onbekend' },
    vehicleType: {
      car: 'Auto',
      van: 'Bestelwagen',
      truck: 'Vrachtwagen',
      motorbike: 'Motor of scooter',
      bicycle: 'Fiets',
      other: 'Iets anders',
    },
    contactMethod: { phone: 'Telefoon', email: 'E-mail', chat: 'Deze chat' },
  },
  review: {
    title: 'Controleer uw melding',
    intro:
      'Hier is alles wat u ons vertelde. Typ "bevestigen" om te verzenden, of "wijzig" en een nummer om een antwoord te verbeteren (bijvoorbeeld "wijzig 6").',
    yes: 'Ja',
    no: 'Nee',
    skipped: '(niet opgegeven)',
    unknown: 'Weet ik niet',
    confirmButton: 'Melding verzenden',
    changeButton: 'Wijzigen',
    evidence: (files: number, links: number) => evidenceCount(files, links),
  },
  submit: {
    saved: 'Bedankt. Uw melding werd naar de politie gestuurd.',
    receiptTitle: 'Uw ontvangstbewijs: bewaar beide',
    caseNumberLabel: 'Dossiernummer',
    receiptCodeLabel: 'Ontvangstcode',
    copyReceipt: 'Dossiernummer en ontvangstcode kopiëren',
    receiptKeep:
      'Bewaar ze goed: de ontvangstcode wordt alleen nu getoond en nergens bewaard. Met beide kunt u de stand van uw melding bekijken en vragen van de politie beantwoorden, ook anoniem (typ "status").',
    receiptShown:
      'Uw ontvangstcode werd één keer getoond, toen de melding werd verstuurd. Ze wordt nergens bewaard en kan dus niet opnieuw getoond worden.',
    queued:
      'Onze databank is op dit moment niet bereikbaar. Uw melding is veilig bewaard op onze server en wordt automatisch aan de politie bezorgd zodra de databank terug is. U hoeft ze niet opnieuw te sturen.',
    alreadySubmitted: (caseNumber: string) =>
      `Deze melding werd al verstuurd. Dossiernummer: ${caseNumber}. Er werd niets twee keer verstuurd.`,
  },
  status: {
    askCaseNumber: 'Typ het dossiernummer dat u kreeg (het ziet eruit als SR-7KQ2M-X9D4T).',
    badCaseNumber:
      'Dat lijkt geen dossiernummer: SR- gevolgd door tien letters en cijfers. Probeer het opnieuw, of typ "annuleren".',
    askReceipt: 'Typ nu uw ontvangstcode (20 letters en cijfers, streepjes mogen).',
    mismatch:
      'Dit dossiernummer en deze ontvangstcode horen niet bij elkaar. Controleer beide en probeer het opnieuw.',
    limited:
      'Te veel pogingen. Voor uw bescherming is controleren een tijdje niet mogelijk; probeer het later opnieuw.',
    unavailable: 'Een melding bekijken kan op dit moment niet. Probeer het over een paar minuten opnieuw.',
    states: {
      new: 'ontvangen, nog niet bekeken',
      triaged: 'bekeken door een politieagent',
      in_progress: 'in onderzoek',
      closed: 'afgesloten',
    },
    current: (caseNumber: string, state: string) => `Dossier ${caseNumber}: ${state}.`,
    noCases: 'We hebben in deze chat nog geen meldingen van u. Typ "melden" om er een te maken.',
    noQuestions: 'De politie heeft op dit moment geen vragen voor u. Bedankt voor uw melding.',
    question: (text: string) => `De politie vraagt u: ${text}`,
    answerInTeams: 'Typ "status" om hier te antwoorden.',
    answerPrompt: 'Typ uw antwoord, of "overslaan" om later te antwoorden.',
    answered: 'Bedankt, uw antwoord werd aan het dossier toegevoegd.',
    later: 'Goed. U kunt later antwoorden: typ "status".',
    cancelled: 'Goed, er werd niets gecontroleerd.',
  },
  upload: {
    wrongType: (names: string) =>
      `"${names}" kon niet aanvaard worden. U kunt foto's (JPEG of PNG) en PDF-documenten sturen; de inhoud van het bestand telt, niet de naam. Op een iPhone zijn foto's vaak HEIC, en dat kan niet: kies Instellingen > Camera > Formaten > Meest compatibel voor u de foto neemt, of deel hem als JPEG.`,
    tooLarge: (size: string, files: number) =>
      `Dat is te groot. U kunt tot ${files} bestanden tegelijk sturen, elk hoogstens ${size} (foto's als JPEG of PNG, documenten als PDF).`,
  },
  caseView: {
    urgentByAnswer: 'de getuige zei dat iemand in gevaar is of dat het nu gebeurt',
    urgentByWords: (terms: string) => `het verhaal vermeldt: ${terms}`,
  },
  main: {
    help: 'Shield Reporter neemt meldingen van verdachte situaties op voor de politie. Typ "melden" om te beginnen, of "status" om een melding op te volgen. Tijdens een melding kunt u altijd "hulp", "terug", "overslaan", "annuleren" of "opnieuw" typen, of de naam van een taal (English, Nederlands, français, Deutsch) om van taal te wisselen. Bij nood, bel 112.',
    languageSet: 'Vanaf nu spreek ik Nederlands.',
    staleCard:
      'Die knop hoort bij een melding die niet meer open is, dus er werd niets gewijzigd. Typ "melden" om een nieuwe melding te starten.',
  },
};
