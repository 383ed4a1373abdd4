/** Vite client types (import.meta.env, import.meta.hot, asset imports) for the renderer. */
/// <reference types="vite/client" />
