import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { resolveLocale } from './locales';
import { welcomeText } from './welcome';

export const MAIN_DIALOG = 'mainDialog';
const MAIN_WATERFALL = 'mainWaterfall';

/** Routes a conversation; for now it answers every message with the welcome. */
export class MainDialog extends ComponentDialog {
  constructor() {
    super(MAIN_DIALOG);
    this.addDialog(new WaterfallDialog(MAIN_WATERFALL, [(step) => this.greet(step)]));
    this.initialDialogId = MAIN_WATERFALL;
  }

  private async greet(step: WaterfallStepContext) {
    await step.context.sendActivity(welcomeText(resolveLocale(step.context.activity.locale)));
    return step.endDialog();
  }
}
