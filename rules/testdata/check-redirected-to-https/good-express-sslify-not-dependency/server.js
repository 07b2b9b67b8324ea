const express = require("express");
const enforce = require("express-sslify");

const app = express();
app.use(express.json());
app.use(enforce.HTTPS({ trustProtoHeader: true }));
app.get("/healthz", (req, res) => res.send("ok"));
app.listen(process.env.PORT || 3000);
