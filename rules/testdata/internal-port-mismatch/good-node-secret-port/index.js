const app = require('express')();
app.listen(process.env.SECRET_PORT);
