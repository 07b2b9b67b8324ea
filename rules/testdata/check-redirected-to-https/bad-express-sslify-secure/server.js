import express from "express";
import enforce from "express-sslify";

const app = express();
if (process.env.NODE_ENV === "production") {
  app.use(enforce.HTTPS());
}
app.get("/up", (req, res) => res.send("ok"));
app.listen(Number(process.env.PORT));
