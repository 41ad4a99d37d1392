/**
 * A tiny composer for the message path (issue 15, item 3; grammY's Composer and botbuilder's MiddlewareSet are the
 * models): named steps run in order, and the first that answers ends the run. A step answers by returning a value
 * (an empty list of messages is an answer too: "handled, say nothing"); it passes by returning undefined. The order is
 * the behaviour, so it is a list one can read (steps/index.ts), not an if-chain.
 */
export interface Step<C, A> {
  /** Shown in ARCHITECTURE.md's message path and in a run's result: which step answered. */
  readonly name: string;
  run(ctx: C): Promise<A | undefined> | A | undefined;
}

export interface Answered<A> {
  step: string;
  answer: A;
}

export function compose<C, A>(steps: readonly Step<C, A>[]): (ctx: C) => Promise<Answered<A> | undefined> {
  const names = new Set<string>();
  for (const step of steps) {
    if (names.has(step.name)) throw new Error(`two steps are named "${step.name}"`);
    names.add(step.name);
  }
  return async (ctx) => {
    // By index: an iterator held across the awaits was an object per message (bench:engine heap profile, ~8 MB a run).
    for (let i = 0; i < steps.length; i += 1) {
      const step = steps[i]!;
      const answer = await step.run(ctx);
      if (answer !== undefined) return { step: step.name, answer };
    }
    return undefined;
  };
}
