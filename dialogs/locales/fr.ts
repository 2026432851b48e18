import type { Messages } from './messages';
import { countsOf } from './counts';

// What arrived as evidence, only what there is and in the right number: "2 files and 1 link".
const evidenceCount = (files: number, links: number): string =>
  countsOf(
    'fr',
    [
      [files, { one: 'fichier', other: 'fichiers' }],
      [links, { one: 'lien', other: 'liens' }],
    ],
    'Aucun',
  );

export const fr: Messages = {
  languageName: 'Français',
  welcome: {
    greeting: 'Bienvenue sur Shield Reporter, le service de signalement de la police.',
    purpose:
      'Vous pouvez signaler ici ce que vous avez vu ou entendu et qui vous a semblé suspect, pouvant indiquer du terrorisme ou une criminalité grave. Chaque signalement est lu par un policier.',
    emergency:
      "En cas d'urgence, ou si quelqu'un est en danger maintenant, appelez le 112. Pour la police sans urgence, appelez le 101.",
    start:
      'Appuyez sur « Commencer un signalement », ou racontez-nous simplement ce qui s’est passé avec vos mots. Tapez « aide » pour en savoir plus.',
    startButton: 'Commencer un signalement',
    otherLanguages:
      'Vous pouvez aussi continuer en English, Nederlands ou Deutsch : tapez simplement le nom de la langue.',
  },
  teams: {
    unknownTenant:
      "Merci de votre message. Shield Reporter dans Teams est ouvert aux organisations qui collaborent avec la police, et la vôtre n'est pas encore enregistrée. Si la police a envoyé un code d'invitation à votre organisation (il commence par SHLD-), tapez-le ici pour l'enregistrer ; si vous l'avez déjà tapé, la police confirmera bientôt l'enregistrement. Vous pouvez signaler sur le site web de la police. En cas d'urgence, appelez le 112.",
    fileRefused: `Désolé, ce fichier ne peut pas servir de preuve : envoyez une photo (JPEG ou PNG) ou un PDF. Sur un iPhone, les photos sont souvent au format HEIC, qui ne peut pas être accepté : choisissez Réglages > Appareil photo > Formats > Le plus compatible avant de prendre la photo, ou partagez-la en JPEG.`,
    fileNotFetched:
      'Désolé, je n’ai pas pu récupérer ce fichier dans Teams. Veuillez le renvoyer dans un instant.',
    fileTooLarge: (size: string) =>
      `Ce fichier est trop volumineux : chaque fichier peut faire au plus ${size}.`,
  },
  teamsChat: {
    personalOnly:
      "Je ne traite les signalements et les questions que dans une conversation privée avec moi, pour que personne d'autre ne les lise. Ouvrez la conversation privée ici :",
    openPersonalChat: 'Ouvrir ma conversation privée avec Shield Reporter',
    anonymousNote:
      "Dans Teams, un signalement anonyme porte le nom de votre organisation (si c'est un partenaire enregistré), jamais votre nom ni votre compte Teams. Les questions de la police vous parviennent toujours dans cette conversation privée.",
    fileHostRefused:
      "Je n'ai pas récupéré ce fichier : son lien mène à un endroit d'où je ne peux pas télécharger (seul le stockage de fichiers de Teams est autorisé). Joignez-le à nouveau depuis votre appareil, directement dans cette conversation.",
    deactivated:
      "Votre organisation ne participe plus à Shield Reporter dans Teams : un nouveau signalement ne peut donc pas être fait ici. Utilisez le site web de la police et, en cas d'urgence, appelez le 112. Vous pouvez toujours suivre vos propres signalements et répondre à la police : tapez « suivi ».",
    chooseLanguage: 'Dans quelle langue dois-je parler ? Nederlands, français, Deutsch ou English.',
    reviewReplaced: 'Ce récapitulatif a été remplacé par un plus récent, ci-dessous.',
  },
  errors: {
    turnFailed:
      "Désolé, une erreur s'est produite de notre côté. Réessayez dans un instant. En cas d'urgence, appelez le 112.",
  },
  words: {
    help: ['aide', 'au secours'],
    back: ['retour', 'precedent', 'revenir'],
    skip: ['passer', 'suivant', 'sauter'],
    cancel: ['annuler', 'arreter'],
    restart: ['recommencer', 'redemarrer', 'depuis le debut'],
    report: [
      'signaler',
      'signalement',
      'nouveau signalement',
      'faire un signalement',
      'commencer un signalement',
    ],
    status: ['statut', 'suivi', 'mon signalement', 'mes signalements', 'suivre mon signalement', 'etat'],
    confirm: ['confirmer', 'envoyer', 'valider', 'envoyer le signalement'],
    change: ['modifier', 'changer', 'corriger'],
    done: ['fini', 'termine', 'c est tout', 'rien d autre'],
    none: ['aucun', 'aucune', 'rien', 'non'],
    unknown: [
      'je ne sais pas',
      'je sais pas',
      'sais pas',
      'je ne sais plus',
      'aucune idee',
      'pas sur',
      'pas sure',
      'inconnu',
      'inconnue',
    ],
    greeting: ['bonjour', 'salut', 'bonsoir', 'coucou'],
    yes: ['oui', 'o', 'ouais', 'd accord', 'daccord', 'j accepte', 'bien sur'],
    no: ['non', 'pas vraiment'],
  },
  engine: {
    required: 'Cette question demande une réponse avant de continuer.',
    skipped: 'Question passée.',
    firstQuestion: "C'est la première question, on ne peut pas revenir plus loin.",
    chooseOption: "Choisissez l'une des options, ou tapez son numéro.",
    answerYesNo: 'Répondez par oui ou par non.',
    invalid: {
      empty: "Je n'ai pas reçu de réponse. Tapez-la, ou tapez « passer » si la question est facultative.",
      tooLong: (limit: number, length: number) =>
        `Cette réponse fait ${length} caractères ; la limite ici est de ${limit}. Raccourcissez-la (rien n'a été enregistré).`,
      tooShort: (limit: number) => `Donnez un peu plus de détails (au moins ${limit} caractères).`,
      email:
        'Cela ne ressemble pas à une adresse e-mail (par exemple : nom@exemple.be). Réessayez, ou tapez « passer ».',
      phone:
        'Cela ne ressemble pas à un numéro de téléphone (des chiffres, éventuellement précédés de +). Réessayez, ou tapez « passer ».',
      plate:
        "Une plaque d'immatriculation ne contient que des lettres, des chiffres, des espaces et des tirets. Tapez ce que vous avez vu ; utilisez ? pour un caractère incertain.",
    },
    whenUnrecognised:
      "Je n'ai trouvé ni date ni heure. Essayez par exemple « hier vers 17h », « aujourd'hui à 14h30 » ou « 21/11 à 17:00 ».",
    whenFuture:
      "Ce moment est dans le futur. Dites-nous quand vous l'avez vu ou entendu (un signalement porte sur quelque chose qui s'est déjà produit).",
    whenConfirm: (text: string) => `J'ai compris : ${text}. Est-ce exact ? (oui/non)`,
    whenAround: 'vers',
    whenTimeUnknown: 'heure non précisée',
    whenRetry: "D'accord. Quand était-ce ? Vous pouvez l'écrire avec vos propres mots.",
    confirmCancel: 'Voulez-vous annuler ce signalement ? Toutes vos réponses seront effacées. (oui/non)',
    confirmRestart:
      'Voulez-vous recommencer depuis la première question ? Toutes vos réponses seront effacées. (oui/non)',
    cancelled:
      'Votre signalement a été annulé et vos réponses effacées. Tapez « signaler » quand vous voulez recommencer.',
    carryOn: "D'accord, continuons.",
    languageSwitched: 'Je continue en français.',
    resumed: 'Bon retour. Vos réponses sont conservées ; nous reprenons là où vous vous étiez arrêté.',
    expired: (hours: number) =>
      `Votre signalement inachevé n'a pas été modifié depuis plus de ${hours} heures et a été effacé pour protéger votre vie privée. Commençons-en un nouveau.`,
    staleCard:
      "Ce bouton appartient à un message précédent : rien n'a été modifié. Voici où nous en sommes :",
    evidenceReceived: (files: number, links: number) =>
      `Reçu : ${evidenceCount(files, links)}. Envoyez-en d'autres, ou tapez « fini » quand vous avez terminé.`,
    evidenceNothing:
      "Envoyez une photo ou un document, collez un lien, ou tapez « fini » (ou « aucun » si vous n'avez rien).",
    evidenceUnsupported: (name: string) =>
      `Je n'ai pas pu accepter « ${name} ». Les photos (JPEG, PNG) et les documents PDF sont acceptés. Sur un iPhone, les photos sont souvent au format HEIC, qui ne peut pas être accepté : choisissez Réglages > Appareil photo > Formats > Le plus compatible avant de prendre la photo, ou partagez-la en JPEG.`,
    profileNameOffer: (name: string) =>
      `Selon Teams, vous vous appelez ${name}. Pouvons-nous utiliser ce nom ? (oui/non, ou tapez votre nom)`,
    consentRequired:
      "Nous ne pouvons envoyer le signalement qu'avec votre accord. Répondez oui pour accepter, « retour » pour modifier une réponse, ou « annuler » pour effacer le signalement.",
    changeWhich:
      'Quelle réponse voulez-vous modifier ? Tapez « modifier » et son numéro dans la liste, par exemple « modifier 5 ».',
    editing: 'Donnez votre nouvelle réponse.',
    editingItem: (item: string, count: number) =>
      `Répondez à nouveau aux ${count} questions concernant ${item}, une à la fois ; vous reverrez ensuite votre signalement pour le vérifier.`,
    unknownRecorded: 'Noté : vous ne savez pas. Ce n’est pas grave.',
    unknownYourChoice:
      'Cette question porte sur votre propre choix : « je ne sais pas » ne peut pas y répondre.',
    firstMessageKept: (text: string) =>
      `J’ai gardé votre message comme début de votre récit : « ${text} ». D’abord quelques questions.`,
    accountContinue: (text: string) =>
      `Vous nous avez déjà dit : « ${text} ». Ajoutez tout ce que vous avez encore vu ou entendu, même les détails qui semblent sans importance, ou tapez « terminé » si c’est tout.`,
    detailKept: 'Noté, avec ce que vous avez ajouté.',
  },
  urgent: {
    title: "Si quelqu'un est en danger, appelez maintenant",
    emergency: 'Urgence : appelez le 112',
    police: 'Police, sans urgence : appelez le 101',
    body: 'Ne vous mettez pas en danger. Éloignez-vous du danger si vous le pouvez, et gardez ce chat pour plus tard.',
    marked:
      'Votre signalement est marqué URGENT. Quand vous êtes en sécurité, vous pouvez continuer le signalement ici.',
    ongoingTitle: 'Cela continue : que faire maintenant',
    ongoingBody:
      'Restez à distance et ne touchez à rien. Prévenez le personnel ou la sécurité sur place. Appelez le 112 si quelqu’un est en danger ; sinon appelez la police au 101. Puis continuez le signalement ici.',
    wordsMarked:
      'Ce que vous avez écrit peut signifier un danger en ce moment : votre signalement est marqué URGENT. Si quelqu’un est en danger, appelez le 112 maintenant.',
  },
  questions: {
    urgent: {
      prompt: "D'abord : quelqu'un est-il en danger, ou est-ce en train de se passer ? (oui/non)",
      help: "Si quelqu'un est en danger ou si cela se passe maintenant, appelez immédiatement le 112. Nous le demandons d'abord pour que les signalements urgents soient vus en premier.",
      label: 'Urgent',
    },
    category: {
      prompt: 'De quoi parle votre signalement ?',
      help: 'Choisissez ce qui convient le mieux ; cela oriente votre signalement vers la bonne équipe. « Autre » convient aussi.',
      label: 'Catégorie',
    },
    account: {
      prompt:
        'Racontez avec vos propres mots tout ce que vous avez vu ou entendu, même les détails qui semblent sans importance. Vous pouvez dire que vous ne savez pas.',
      help: 'Votre propre récit, dans votre propre ordre, est la partie la plus précieuse. Les questions précises viennent ensuite.',
      label: 'Votre récit',
    },
    when: {
      prompt:
        "Quand cela s'est-il passé ? Une date et une heure, ou une période, avec vos mots (par exemple « hier vers 17h »).",
      help: "L'heure permet à la police de relier votre signalement à d'autres informations. Une approximation suffit.",
      label: 'Quand',
    },
    ongoing: {
      prompt: 'Est-ce que cela continue encore ? (oui/non)',
      help: "Si cela continue et que quelqu'un est en danger, appelez le 112.",
      label: 'Toujours en cours',
    },
    place: {
      prompt:
        "Où cela s'est-il passé ? Une adresse, ou un lieu reconnaissable (une gare, un magasin, un carrefour).",
      help: "La police doit savoir où chercher. Un point de repère convient si vous ne connaissez pas l'adresse.",
      label: 'Lieu',
    },
    placeDetail: {
      prompt:
        "Où exactement ? Par exemple l'étage, l'entrée, ou la direction prise par quelqu'un. (ou « passer »)",
      help: "Des détails comme l'étage ou la direction aident les policiers à trouver l'endroit.",
      label: 'Endroit précis',
    },
    sex: {
      prompt: 'Cette personne était-elle une femme ou un homme ?',
      help: 'Selon votre perception ; « inconnu » convient.',
      label: 'Sexe',
    },
    age: {
      prompt: 'Quel âge environ ? (par exemple « la trentaine »)',
      help: 'Une estimation suffit.',
      label: 'Âge approximatif',
    },
    height: {
      prompt: 'Quelle taille, à peu près ? (par exemple « environ 1m80 »)',
      help: 'Comparez avec vous-même si cela aide.',
      label: 'Taille',
    },
    build: {
      prompt: 'Quelle corpulence ? (par exemple mince, moyenne, forte)',
      help: 'Votre impression suffit.',
      label: 'Corpulence',
    },
    hair: {
      prompt: 'Quels cheveux ? (couleur, longueur, coiffure, ou un couvre-chef)',
      help: 'Tels que vous les avez vus.',
      label: 'Cheveux',
    },
    clothing: {
      prompt: 'Quels vêtements ? (couleurs, logos, chaussures, un sac)',
      help: "Les vêtements aident souvent le plus à retrouver quelqu'un sur des images de caméra.",
      label: 'Vêtements',
    },
    marks: {
      prompt: 'Des signes particuliers ? (tatouages, cicatrices, lunettes, démarche ou façon de parler)',
      help: 'Tout ce qui vous permettrait de reconnaître la personne.',
      label: 'Signes particuliers',
    },
    actions: {
      prompt: "Qu'a fait ou dit cette personne ?",
      help: "Décrivez le comportement, pas l'apparence.",
      label: 'A fait ou dit',
    },
    name: {
      prompt: 'Connaissez-vous son nom ? (ou « passer »)',
      help: 'Seulement si vous le connaissez.',
      label: 'Nom',
    },
    plate: {
      prompt:
        "Quelle était la plaque d'immatriculation ? Une partie suffit ; utilisez ? pour un caractère incertain.",
      help: 'Même une partie de la plaque aide.',
      label: "Plaque d'immatriculation",
    },
    plateCountry: {
      prompt: 'De quel pays était la plaque ?',
      help: 'Par exemple la Belgique, les Pays-Bas, la France.',
      label: 'Pays de la plaque',
    },
    make: {
      prompt: 'Quelle marque ? (par exemple Volkswagen)',
      help: 'Si vous la connaissez.',
      label: 'Marque',
    },
    model: { prompt: 'Quel modèle ?', help: 'Si vous le connaissez.', label: 'Modèle' },
    colour: { prompt: 'Quelle couleur ?', help: 'Telle que vous l’avez vue.', label: 'Couleur' },
    vehicleType: { prompt: 'Quel type de véhicule ?', help: 'Choisissez le plus proche.', label: 'Type' },
    direction: {
      prompt: 'Dans quelle direction est-il parti ?',
      help: 'Un nom de rue ou un point de repère convient.',
      label: 'Direction',
    },
    passengers: {
      prompt: "Combien de personnes s'y trouvaient, et que savez-vous d'elles ?",
      help: 'Si vous l’avez remarqué.',
      label: 'Occupants',
    },
    suspicious: {
      prompt:
        "Pourquoi cela vous a-t-il semblé suspect ? Décrivez un comportement ou des circonstances : l'apparence, l'origine ou la religion ne sont pas en soi des signes de quoi que ce soit.",
      help: "Ce que fait une personne, et non ce qu'elle est, indique à la police si quelque chose ne va pas.",
      label: 'Pourquoi suspect',
    },
    evidence: {
      prompt:
        'Avez-vous des photos ou des documents ? Envoyez-les maintenant en pièce jointe, ou collez des liens. Tapez « fini » quand vous avez terminé, ou « aucun ».',
      help: 'Les photos et documents peuvent être décisifs. Ne vous mettez pas en danger pour les prendre.',
      label: 'Preuves',
    },
    witnesses: {
      prompt:
        "Quelqu'un d'autre l'a-t-il vu ou entendu ? Comment la police peut-elle joindre cette personne ? (ou « passer »)",
      help: "D'autres témoins peuvent confirmer et compléter votre récit.",
      label: 'Autres témoins',
    },
    anonymous: {
      prompt:
        'Voulez-vous rester anonyme ? (oui/non) Vous pourrez quand même suivre votre signalement avec le code que vous recevrez.',
      help: 'Les signalements anonymes sont bienvenus. Donner vos coordonnées permet à un policier de vous poser des questions.',
      label: 'Anonyme',
    },
    contactName: {
      prompt: 'Quel est votre nom ?',
      help: 'Pour que le policier sache qui demander.',
      label: 'Votre nom',
    },
    contactPhone: {
      prompt: 'Votre numéro de téléphone ? (ou « passer »)',
      help: 'Utilisé uniquement par la police pour ce signalement.',
      label: 'Téléphone',
    },
    contactEmail: {
      prompt: 'Votre adresse e-mail ? (ou « passer »)',
      help: 'Utilisée uniquement par la police pour ce signalement.',
      label: 'E-mail',
    },
    organisation: {
      prompt: 'Votre organisation (entreprise, école, association) ? (ou « passer »)',
      help: "Utile si vous signalez au nom d'une organisation partenaire.",
      label: 'Organisation',
    },
    preferredContact: {
      prompt: 'Comment préférez-vous être contacté ?',
      help: "Nous essaierons d'abord de cette façon.",
      label: 'Contact préféré',
    },
    consent: {
      prompt:
        "Avant l'envoi : votre signalement et vos éventuelles données personnelles vont uniquement à la police, servent à l'évaluer et à enquêter, et sont effacés {retentionDays} jours après la clôture du dossier. Les signalements inachevés sont effacés après {draftHours} heures. Acceptez-vous d'envoyer le signalement à ces conditions ? (oui/non)",
      help: "Vos données sont protégées : chaque consultation d'un signalement par la police est enregistrée. Vous pouvez rester anonyme.",
      label: 'Consentement',
    },
  },
  loops: {
    people: {
      gate: 'Avez-vous vu des personnes impliquées ? (oui/non)',
      gateHelp: 'Nous posons les questions une personne à la fois.',
      more: 'Y avait-il une autre personne ? (oui/non)',
      item: (index: number) => `Personne ${index}`,
      label: 'Personnes',
      none: 'aucune',
      full: 'Nous ne pouvons pas enregistrer plus de personnes ici ; décrivez les autres dans votre récit.',
    },
    vehicles: {
      gate: 'Un véhicule était-il impliqué ? (oui/non)',
      gateHelp: 'Nous posons les questions un véhicule à la fois.',
      more: 'Y avait-il un autre véhicule ? (oui/non)',
      item: (index: number) => `Véhicule ${index}`,
      label: 'Véhicules',
      none: 'aucun',
      full: 'Nous ne pouvons pas enregistrer plus de véhicules ici ; décrivez les autres dans votre récit.',
    },
  },
  choices: {
    category: {
      behaviour: 'Comportement suspect',
      item: 'Objet abandonné ou suspect',
      vehicle: 'Véhicule suspect',
      materials: 'Achat, location ou vol inhabituel de matériel',
      online: 'Contenu ou menace en ligne',
      other: 'Autre',
    },
    sex: { female: 'Femme', male: 'Homme', unknown: 'Inconnu' },
    vehicleType: {
      car: 'Voiture',
      van: 'Camionnette',
      truck: 'Camion',
      motorbike: 'Moto ou scooter',
      bicycle: 'Vélo',
      other: 'Autre',
    },
    contactMethod: { phone: 'Téléphone', email: 'E-mail', chat: 'Ce chat' },
  },
  review: {
    title: 'Vérifiez votre signalement',
    intro:
      'Voici tout ce que vous nous avez dit. Tapez « confirmer » pour l’envoyer, ou « modifier » et un numéro pour corriger une réponse (par exemple « modifier 6 »).',
    yes: 'Oui',
    no: 'Non',
    skipped: '(non précisé)',
    unknown: 'Je ne sais pas',
    confirmButton: 'Envoyer le signalement',
    changeButton: 'Modifier',
    evidence: (files: number, links: number) => evidenceCount(files, links),
  },
  submit: {
    saved: 'Merci. Votre signalement a été transmis à la police.',
    receiptTitle: 'Votre reçu : gardez les deux',
    caseNumberLabel: 'Numéro de dossier',
    receiptCodeLabel: 'Code de reçu',
    copyReceipt: 'Copier le numéro et le code de reçu',
    receiptKeep:
      'Gardez-les en lieu sûr : le code de reçu n’est affiché que cette fois et n’est conservé nulle part. Avec les deux, vous pouvez suivre votre signalement et répondre aux questions de la police, même anonymement (tapez « statut »).',
    receiptShown:
      'Votre code de reçu a été affiché une fois, à l’envoi du signalement. Il n’est conservé nulle part et ne peut donc plus être affiché.',
    queued:
      "Notre base de données est indisponible en ce moment : votre signalement est conservé en sécurité sur notre serveur et sera transmis automatiquement à la police dès son retour. Vous n'avez pas besoin de le renvoyer.",
    alreadySubmitted: (caseNumber: string) =>
      `Ce signalement a déjà été envoyé. Numéro de dossier : ${caseNumber}. Rien n'a été envoyé deux fois.`,
  },
  status: {
    askCaseNumber: 'Tapez le numéro de dossier que vous avez reçu (il ressemble à SR-7KQ2M-X9D4T).',
    badCaseNumber:
      "Ce n'est pas un numéro de dossier : SR- suivi de dix lettres et chiffres. Réessayez, ou tapez « annuler ».",
    askReceipt: 'Tapez maintenant votre code de reçu (20 lettres et chiffres, tirets facultatifs).',
    mismatch: 'Ce numéro de dossier et ce code de reçu ne vont pas ensemble. Vérifiez les deux et réessayez.',
    limited:
      'Trop de tentatives. Pour votre protection, la vérification est suspendue un moment ; réessayez plus tard.',
    unavailable:
      "La consultation d'un signalement est impossible pour le moment. Veuillez réessayer dans quelques minutes.",
    states: {
      new: 'reçu, pas encore examiné',
      triaged: 'examiné par un policier',
      in_progress: "en cours d'enquête",
      closed: 'clôturé',
    },
    current: (caseNumber: string, state: string) => `Dossier ${caseNumber} : ${state}.`,
    noCases:
      "Nous n'avons encore aucun signalement de votre part dans ce chat. Tapez « signaler » pour en faire un.",
    noQuestions: "La police n'a pas de question pour vous pour le moment. Merci pour votre signalement.",
    question: (text: string) => `La police vous demande : ${text}`,
    answerInTeams: 'Tapez « statut » pour y répondre ici.',
    answerPrompt: 'Tapez votre réponse, ou « passer » pour répondre plus tard.',
    answered: 'Merci, votre réponse a été ajoutée au dossier.',
    later: "D'accord. Vous pourrez répondre plus tard : tapez « statut ».",
    cancelled: "D'accord, rien n'a été vérifié.",
  },
  upload: {
    wrongType: (names: string) =>
      `« ${names} » n'a pas pu être accepté. Vous pouvez envoyer des photos (JPEG ou PNG) et des documents PDF ; c'est le contenu du fichier qui compte, pas son nom. Sur un iPhone, les photos sont souvent au format HEIC, qui ne peut pas être accepté : choisissez Réglages > Appareil photo > Formats > Le plus compatible avant de prendre la photo, ou partagez-la en JPEG.`,
    tooLarge: (size: string, files: number) =>
      `C'est trop volumineux. Vous pouvez envoyer jusqu'à ${files} fichiers à la fois, de ${size} au plus chacun (photos en JPEG ou PNG, documents en PDF).`,
  },
  caseView: {
    urgentByAnswer: 'le témoin a dit que quelqu’un est en danger ou que cela se passe maintenant',
    urgentByWords: (terms: string) => `le récit mentionne : ${terms}`,
  },
  main: {
    help: "Shield Reporter recueille pour la police les signalements de situations suspectes. Tapez « signaler » pour commencer, ou « statut » pour suivre un signalement. Pendant un signalement, vous pouvez toujours taper « aide », « retour », « passer », « annuler » ou « recommencer », ou le nom d'une langue (English, Nederlands, français, Deutsch) pour en changer. En cas d'urgence, appelez le 112.",
    languageSet: 'Désormais, je parle français.',
    staleCard:
      "Ce bouton appartient à un signalement qui n'est plus ouvert : rien n'a été modifié. Tapez « signaler » pour en commencer un nouveau.",
  },
};
