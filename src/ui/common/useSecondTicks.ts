/** Components showing a countdown call this: the clock ticks every second while they are mounted. */
import { onCleanup } from 'solid-js';
import { useVada } from '../../state';

export function useSecondTicks(): void {
  onCleanup(useVada().holdSecondTicks());
}
