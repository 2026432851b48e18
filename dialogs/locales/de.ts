import type { Messages } from './messages';

export const de: Messages = {
  languageName: 'Deutsch',
  welcome: {
    greeting: 'Willkommen bei Shield Reporter, dem Meldedienst der Polizei.',
    purpose:
      'Hier können Sie melden, was Sie gesehen oder gehört haben und Ihnen verdächtig vorkam und auf Terrorismus oder schwere Kriminalität hindeuten kann. Jede Meldung wird von einem Polizeibeamten gelesen.',
    emergency:
      'Im Notfall, oder wenn jemand gerade in Gefahr ist, rufen Sie 112 an. Für die Polizei ohne Notfall: 101.',
    start: 'Schreiben Sie „melden“, um eine Meldung zu beginnen, oder „Hilfe“, um mehr zu erfahren.',
  },
  errors: {
    turnFailed:
      'Entschuldigung, bei uns ist etwas schiefgelaufen. Bitte versuchen Sie es gleich noch einmal. Im Notfall: 112.',
  },
};
