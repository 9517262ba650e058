# An error in a method names the method.
class Account:
    def __init__(self):
        self.balance = 0
    def withdraw(self, n):
        if n > self.balance:
            raise ValueError("insufficient funds")
        self.balance -= n
acct = Account()
acct.withdraw(10)
