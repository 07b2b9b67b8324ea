type Cfg = { port: number };
export const host: string = `127.0.0.1`;
const cfg: Cfg = { port: parseInt(process.env.PORT || '4000', 10) };
export default cfg;
