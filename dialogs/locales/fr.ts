import type { Messages } from './messages';

export const fr: Messages = {
  languageName: 'Français',
  welcome: {
    greeting: 'Bienvenue sur Shield Reporter, le service de signalement de la police.',
    purpose:
      'Vous pouvez signaler ici ce que vous avez vu ou entendu et qui vous a semblé suspect, pouvant indiquer du terrorisme ou une criminalité grave. Chaque signalement est lu par un policier.',
    emergency:
      "En cas d'urgence, ou si quelqu'un est en danger maintenant, appelez le 112. Pour la police sans urgence, appelez le 101.",
    start: 'Tapez « signaler » pour commencer un signalement, ou « aide » pour en savoir plus.',
  },
  errors: {
    turnFailed:
      "Désolé, une erreur s'est produite de notre côté. Réessayez dans un instant. En cas d'urgence, appelez le 112.",
  },
};
