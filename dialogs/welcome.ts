import { MessageFactory, type Activity } from 'botbuilder';
import { messagesFor, type Locale } from './locales';

/** The welcome a new user gets: what the service is for and where emergencies go. */
export function welcomeText(locale: Locale): string {
  const { welcome } = messagesFor(locale);
  return [welcome.greeting, welcome.purpose, welcome.emergency, welcome.start].join('\n\n');
}

/** The welcome with a button that starts a report (typing what happened starts one too). */
export function welcomeActivity(locale: Locale, postscript?: string): Partial<Activity> {
  const text = postscript ? `${welcomeText(locale)}\n\n${postscript}` : welcomeText(locale);
  return MessageFactory.suggestedActions([messagesFor(locale).welcome.startButton], text);
}
