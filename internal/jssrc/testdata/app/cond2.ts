const port = process.env.PORT ? Number(process.env.PORT) : 3000;
app.listen(port);
