export * from './embedded.js';
export * from './run-services.js';
