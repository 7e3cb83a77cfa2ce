/**
 * Screens on which the floating panel takes the whole viewport (and becomes modal): small
 * phones, and desktops at 200% zoom or more. Shared by the styles and the component.
 */
export const SMALL_SCREEN = '(max-width: 36rem), (max-height: 32rem)';
