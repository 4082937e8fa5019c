/** Kept in step with package.json by the build (esbuild define), read here for tsx runs. */
declare const __PATCHPILOT_VERSION__: string | undefined;
export const VERSION: string = typeof __PATCHPILOT_VERSION__ === 'string' ? __PATCHPILOT_VERSION__ : '0.1.0';
