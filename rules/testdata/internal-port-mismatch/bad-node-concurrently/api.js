const app = require("express")();
app.listen(4000);
