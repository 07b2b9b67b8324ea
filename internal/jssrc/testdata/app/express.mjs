import express from 'express';
const app = express();
const r = /\(/;
app.listen(process.env.PORT ?? 8080, () => console.log(`up ${r}`));
