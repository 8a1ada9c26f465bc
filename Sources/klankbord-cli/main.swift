import Klankbord
