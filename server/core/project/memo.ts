/**
 * Answers computed once per model and dropped with it. Every model (a file version, a Mule app, an
 * SFDX project, a Flow) owns one `Memo`; modules declare typed keys (`memoKey`) as constants, so no
 * answer lives in module state and two programs never see each other's memos.
 */

/** A typed key: the type of the answer travels with it. */
export interface MemoKey<T> {
  readonly description: string;
  /** Never set: carries `T` for the type checker. */
  readonly _type?: T;
}

export function memoKey<T>(description: string): MemoKey<T> {
  return { description };
}

export class Memo {
  /** Created on first use: most file versions of a large run are never asked anything. */
  private values: Map<MemoKey<unknown>, unknown> | undefined;

  /** The answer under `key`, computed by `compute` the first time it is asked for. */
  get<T>(key: MemoKey<T>, compute: () => T): T {
    const values = (this.values ??= new Map());
    if (values.has(key)) return values.get(key) as T;
    const v = compute();
    values.set(key, v);
    return v;
  }

  /** The answer under `key` if it was computed. */
  peek<T>(key: MemoKey<T>): T | undefined {
    return this.values?.get(key) as T | undefined;
  }

  set<T>(key: MemoKey<T>, value: T): void {
    (this.values ??= new Map()).set(key, value);
  }

  clear(): void {
    this.values = undefined;
  }
}
