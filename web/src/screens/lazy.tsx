// Screens load when first opened: the sign-in screen carries none of their code (charts, calendars, tables).
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from './states';

export function screen<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): ComponentType {
  const Lazy = lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
  return function Screen() {
    return (
      <Suspense fallback={<Loading what="the screen" />}>
        <Lazy />
      </Suspense>
    );
  };
}
