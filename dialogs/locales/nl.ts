import type { Messages } from './messages';

export const nl: Messages = {
  languageName: 'Nederlands',
  welcome: {
    greeting: 'Welkom bij Shield Reporter, de meldingsdienst van de politie.',
    purpose:
      'Hier meldt u iets wat u zag of hoorde en verdacht leek, en dat kan wijzen op terrorisme of zware criminaliteit. Elke melding wordt gelezen door een politieagent.',
    emergency:
      'Bij nood, of als iemand nu in gevaar is, bel 112. Voor de politie zonder dringende hulp, bel 101.',
    start: 'Typ "melden" om een melding te starten, of "help" voor meer uitleg.',
  },
  errors: {
    turnFailed: 'Sorry, er ging bij ons iets mis. Probeer het zo meteen opnieuw. Bij nood, bel 112.',
  },
};
