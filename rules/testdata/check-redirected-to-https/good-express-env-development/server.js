const express = require("express");
const enforce = require("express-sslify");

const app = express();
if (process.env.NODE_ENV === "production") {
  app.use(enforce.HTTPS({ trustProtoHeader: true }));
}
app.listen(process.env.PORT || 3000);
