import { AppError } from '../errors.ts';

/**
 * A newsroom form the service refused, as its page shows it: which form on the page, each field's
 * problem, the text as it was typed (so nothing is lost), and a message when no field is to blame.
 */
export interface FormRefusal {
  /** Which of the page's forms, e.g. "add" or "rename-12". */
  form: string;
  fields: Record<string, string>;
  values: Record<string, string>;
  message?: string;
}

/**
 * Runs a form's action. When it throws an AppError whose code is in `refusable`, returns the refusal
 * and its status for the page to show beside the form; any other error is thrown on. Returns
 * undefined when the action ran.
 */
export async function refusalOf(
  form: { name: string; values: Record<string, string> },
  refusable: ReadonlySet<string>,
  run: () => Promise<unknown>,
): Promise<{ status: number; problem: FormRefusal } | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError) || !refusable.has(error.code)) throw error;
    return {
      status: error.status,
      problem: {
        form: form.name,
        fields: error.fields ?? {},
        values: form.values,
        ...(!error.fields && { message: error.message }),
      },
    };
  }
}
