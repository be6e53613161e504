# User-defined exception hierarchies.
class AppError(Exception):
    def __init__(self, msg, code=1):
        super().__init__(msg)
        self.code = code

class NotFound(AppError):
    def __init__(self, what):
        super().__init__("not found: " + what, code=404)
        self.what = what

class Invalid(AppError):
    pass

class Detailed(Exception):
    def __str__(self):
        return "Detailed<" + ",".join([str(a) for a in self.args]) + ">"

class WithRepr(ValueError):
    def __repr__(self):
        return "WithRepr!"

def lookup(db, key):
    if not isinstance(key, str):
        raise Invalid("key must be str, got %s" % type(key).__name__, code=400)
    if key not in db:
        raise NotFound(key)
    return db[key]

db = {"a": 1}
for k in ["a", "b", 3]:
    try:
        print("value", lookup(db, k))
    except NotFound as e:
        print("NotFound", e, e.code, e.what, e.args)
    except AppError as e:
        print(type(e).__name__, e, e.code)

try:
    raise Detailed(1, "two", 3.0)
except Exception as e:
    print(e, repr(e), e.args)
try:
    raise WithRepr("v")
except ValueError as e:
    print(str(e), repr(e), isinstance(e, WithRepr))

print(issubclass(NotFound, AppError), issubclass(NotFound, Exception), isinstance(Invalid("x"), AppError))
print(NotFound.__name__, repr(AppError("m")), str(Invalid("z")), Invalid("z").code)

class Retry(Exception):
    attempts = 0

def flaky(n):
    Retry.attempts += 1
    if Retry.attempts < n:
        raise Retry("attempt %d" % Retry.attempts)
    return "succeeded after %d" % Retry.attempts

while True:
    try:
        print(flaky(3))
        break
    except Retry as e:
        print("retrying:", e)

class ValidationErrors(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("%d errors" % len(errors))

def validate(rec):
    errs = []
    if not rec.get("name"):
        errs.append("name missing")
    if rec.get("age", 0) < 0:
        errs.append("age negative")
    if errs:
        raise ValidationErrors(errs)
    return True

for rec in [{"name": "x", "age": 3}, {"age": -1}, {"name": ""}]:
    try:
        print(validate(rec))
    except ValidationErrors as e:
        print(e, e.errors)

def handler_order(exc):
    try:
        raise exc
    except NotFound:
        return "NotFound handler"
    except AppError:
        return "AppError handler"
    except Exception:
        return "Exception handler"

print(handler_order(NotFound("q")), handler_order(Invalid("q")), handler_order(KeyError("q")))
e = AppError("no args stored?")
print(e.args, e.code)
class Bare(Exception):
    pass
print(repr(Bare()), str(Bare()), repr(Bare("a", "b")), str(Bare("a", "b")))
