import { messagesFor, type Locale } from './locales';

/** The welcome a new user gets: what the service is for and where emergencies go. */
export function welcomeText(locale: Locale): string {
  const { welcome } = messagesFor(locale);
  return [welcome.greeting, welcome.purpose, welcome.emergency, welcome.start].join('\n\n');
}
