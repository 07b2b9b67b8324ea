const express = require("express");
const enforce = require("express-sslify");
const app = express();
app.get("/healthz", (req, res) => res.send("ok"));
app.use("/api", require("./config"));
if (process.env.NODE_ENV === "production") {
  app.use(enforce.HTTPS({ trustProtoHeader: true }));
}
app.listen(3000);
