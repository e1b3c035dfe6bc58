// Imported first by the bench runner: React's production build, as users run it
// (src/cli/main.ts sets the same before React loads).
process.env.NODE_ENV ??= 'production';
