/** English: the reference locale. Its shape is the Messages type every other locale must satisfy. */
export const en = {
  languageName: 'English',
  welcome: {
    greeting: 'Welcome to Shield Reporter, the police reporting service.',
    purpose:
      'Here you can report something you saw or heard that seemed suspicious and may point to terrorism or serious crime. A police officer reads every report.',
    emergency:
      'In an emergency, or if someone is in danger right now, call 112. For the police without urgency, call 101.',
    start: 'Type "report" to start a report, or "help" to learn more.',
  },
  errors: {
    turnFailed:
      'Sorry, something went wrong on our side. Please try again in a moment. In an emergency, call 112.',
  },
};
