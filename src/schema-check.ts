// A compile-time check that a response schema and the type the code builds are the same shape.
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
